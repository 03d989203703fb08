from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # People join through an invitation or their organisation's admin.
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed logins count per account *and* address: someone elsewhere who knows a
        # professional's e-mail cannot lock that professional out. (The per-address
        # limit still stops one address from trying many accounts.)
        from samenplan.audit.actions import client_ip

        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )
