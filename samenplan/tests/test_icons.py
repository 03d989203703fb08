from django.template import Context, Template
from django.test import SimpleTestCase

from samenplan.lib.templatetags.icons import ICONS


class IconTestCase(SimpleTestCase):
    def render(self, text, **context):
        return Template(text).render(Context(context))

    def test_an_icon_is_an_svg_hidden_from_screen_readers(self):
        html = self.render('{% icon "check" %}')
        self.assertTrue(html.startswith('<svg class="icon"'))
        self.assertIn('aria-hidden="true"', html)
        self.assertIn('focusable="false"', html)

    def test_every_icon_is_hidden_and_the_faces_are_all_there(self):
        for name, svg in ICONS.items():
            with self.subTest(name=name):
                self.assertIn('aria-hidden="true"', svg)
        self.assertLessEqual({f"face{n}" for n in range(1, 6)}, set(ICONS))

    def test_a_name_from_the_page_works_and_an_unknown_one_shows_nothing(self):
        self.assertEqual(self.render("{% icon name %}", name="star"), ICONS["star"])
        self.assertEqual(self.render("{% icon name %}", name="<script>"), "")
        self.assertEqual(self.render('{% icon "nothing" %}'), "")
