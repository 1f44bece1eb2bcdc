"""An upload handler that stops storing a request once it is larger than the site takes.

Django streams uploaded files to temporary files before any view runs (the CSRF check
reads the form), so a limit checked in the view would come after the disk filled up.
The form's fields (the CSRF token first) are still read, so the view can answer 413.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = settings.UPLOAD_MAX_REQUEST_MB * 2**20
        self.received = 0

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, *args: Any) -> None:
        self.received = content_length  # what the client announces counts from the start

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.received > self.limit or start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            # the rest of the body is read and dropped, so the client gets the 413 page
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handler stores it

    def file_complete(self, file_size: int) -> None:
        return None
