"""The kinds of hint a professional can put aside."""

RULES = {"long_sentence", "rare_word", "passive", "jargon", "label"}
