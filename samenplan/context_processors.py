from django.conf import settings


def samenplan(request):
    return {"DEMO": settings.DEMO}
