"""The one pager every paged list uses (templates/includes/pager.html)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import SimpleTestCase


class PagerTestCase(SimpleTestCase):
    def pager(self, number, **context) -> str:
        page = Paginator(range(100), 30).get_page(number)
        return render_to_string("includes/pager.html", {"page": page, **context})

    def test_a_middle_page_links_both_ways_and_keeps_the_filters(self):
        html = self.pager(2, query="soort=step", anchor="#lijst", label="Meer stappen")
        self.assertIn('href="?soort=step&amp;pagina=1#lijst"', html)
        self.assertIn('href="?soort=step&amp;pagina=3#lijst"', html)
        self.assertIn("Pagina 2 van 4", html)
        self.assertIn('aria-label="Meer stappen"', html)

    def test_the_first_page_has_no_way_back_and_a_short_list_no_pager(self):
        first = self.pager(1)
        self.assertNotIn("Vorige pagina", first)
        self.assertIn('href="?pagina=2"', first)
        self.assertIn('aria-label="Pagina’s"', first)
        one = render_to_string("includes/pager.html", {"page": Paginator(range(3), 30).get_page(1)})
        self.assertNotIn("<nav", one)
