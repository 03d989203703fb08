"""Family content is never in Django's admin; the support directory is."""

from django.contrib import admin
from django.test import SimpleTestCase

from samenplan.careteam.models import SupportService
from samenplan.exports.family_json import family_models


class AdminTestCase(SimpleTestCase):
    def test_no_model_with_family_data_is_registered(self):
        registered = set(admin.site._registry)
        self.assertEqual(registered & set(family_models()), set())

    def test_the_support_directory_is_kept_in_the_admin(self):
        self.assertIn(SupportService, admin.site._registry)
