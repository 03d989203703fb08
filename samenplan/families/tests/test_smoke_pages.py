from samenplan.test import SamenplanTestCase


class PagesTestCase(SamenplanTestCase):
    def test_it_shows_pages(self):
        self.login(self.sanne)
        for url in ["/mijn-gezinnen/", f"/gezin/{self.bakker.pk}/", f"/gezin/{self.bakker.pk}/toestemming/", f"/gezin/{self.bakker.pk}/logboek/", f"/gezin/{self.bakker.pk}/uitnodigen/", "/mijn-account/", "/"]:
            r = self.client.get(url, follow=True)
            self.assertEqual(r.status_code, 200, url)
