# The models (agencies, documents, parsed tables and their rows) arrive with the upload
# pipeline. Until then the app has no tables of its own.
