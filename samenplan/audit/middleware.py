from .actions import reads_write


class AuditReadsMiddleware:
    """Write the reads of family data a response showed, and only those.

    Views record reads as they go (``FamilyAccess.read``); this writes them
    after the view answered with a success. A 403, a 404 or a 500 is not a
    read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        reads_write(request, response)
        return response
