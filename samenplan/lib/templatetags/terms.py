"""Words from law and care, explained where they are used: ``{% term "ots" %}``.

Without JavaScript the explanation stands in brackets right after the word. The
page's script turns the word into a button (``aria-expanded``) that shows and
hides it, so a phone opens it with a tap (a ``title`` tooltip never shows on a
touch screen). Only phrasing elements (spans), so it may stand inside a
sentence, a ``<p>`` or a ``<dd>``. Built in, like ``{% icon %}``.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

# key: (the word as it stands in the sentence, the plain explanation)
TERMS = {
    "ots": (
        _("ondertoezichtstelling (OTS)"),
        _(
            "De kinderrechter heeft besloten dat een gezinsvoogd meekijkt en helpt. Dat is "
            "voor een tijd, vaak een jaar. De ouders houden het gezag."
        ),
    ),
    "voogdij": (
        _("voogdij"),
        _(
            "De rechter heeft besloten dat niet de ouders, maar iemand anders het gezag over "
            "het kind heeft. Vaak is dat een gecertificeerde instelling."
        ),
    ),
    "jeugdreclassering": (
        _("jeugdreclassering"),
        _(
            "Begeleiding van een jongere die met politie of rechter te maken had. De rechter "
            "of de officier van justitie heeft die begeleiding opgelegd."
        ),
    ),
    "anders": (
        _("ander gedwongen kader"),
        _(
            "Hulp die een rechter heeft opgelegd. Het gezin kan niet zelf besluiten om ermee "
            "te stoppen."
        ),
    ),
    "gi": (
        _("gecertificeerde instelling (GI)"),
        _(
            "Een organisatie die een maatregel van de kinderrechter uitvoert, zoals een "
            "ondertoezichtstelling of voogdij. De gezinsvoogd werkt daar."
        ),
    ),
    "maatregel": (
        _("maatregel van de rechter"),
        _(
            "Een besluit van de kinderrechter over hulp aan een kind, zoals een "
            "ondertoezichtstelling. Het gezin moet daaraan meewerken."
        ),
    ),
    "gezag": (
        _("gezag"),
        _(
            "Wie gezag heeft, beslist over belangrijke dingen voor een kind, zoals school, "
            "zorg en waar het woont. Meestal zijn dat de ouders."
        ),
    ),
    "ecogram": (
        _("ecogram"),
        _(
            "Een tekening van het netwerk: wie er om het gezin heen staan, en hoe sterk het "
            "contact met hen is."
        ),
    ),
    "genogram": (
        _("genogram"),
        _("Een tekening van de familie, zoals een stamboom: wie bij wie hoort."),
    ),
    "ics": (
        _(".ics-bestand"),
        _(
            "Een bestand voor je agenda. Open het op je telefoon of computer, dan komt het "
            "overleg in je agenda."
        ),
    ),
}


@register.simple_tag
def term(key, label=None):
    """The word with its explanation; an unknown key shows the word only."""
    word, explanation = TERMS.get(key, (None, None))
    if word is None:
        return label or key
    return format_html(
        '<span class="term" data-term><span class="term__word">{}</span>'
        '<span class="term__explain"> ({})</span></span>',
        label or word,
        explanation,
    )
