"""Any page number on the lists across families: a page, never a 500."""

from django.urls import reverse

from samenplan.test import give_totp
from samenplan.tests.hostile import ANY_NUMBER, HostileTestCase, hostile_given, query


class HostilePageNumberTestCase(HostileTestCase):
    @hostile_given(pagina=ANY_NUMBER)
    def test_voor_jou_and_mijn_gezinnen_take_any_page_number(self, pagina):
        give_totp(self.eva)
        self.client.force_login(self.eva)
        for name in ("notices:for_you", "families:list"):
            response = self.client.get(reverse(name) + query(pagina=pagina))
            self.assertEqual(response.status_code, 200, name)
            self.assertContains(response, "Eva", msg_prefix=name)
