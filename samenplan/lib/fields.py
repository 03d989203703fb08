from django import forms

from .params import id_param


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses values which are not ids before any query.

    SQLite raises OverflowError for integers beyond 64 bits in an IN lookup;
    such a value is simply not a valid choice.
    """

    def _check_values(self, value):
        for item in value:
            if id_param(str(item)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)
