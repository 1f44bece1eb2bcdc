from django.contrib import admin

admin.site.site_header = "预决算公开 · 管理 Administration"
admin.site.site_title = "预决算公开 Budget Disclosures"
admin.site.index_title = "数据管理 Data"
