"""Load for `make bench`: logged-in parents reading the family's main pages."""

import itertools
import os

from locust import HttpUser, constant, task

SESSIONS = itertools.cycle(os.environ["BENCH_SESSIONS"].split(","))
FAMILY = os.environ["BENCH_FAMILY"]


class Parent(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.client.cookies.set("sessionid", next(SESSIONS))

    @task(2)
    def my_families(self):
        self.client.get("/mijn-gezinnen/", name="Mijn gezinnen")

    @task(4)
    def family_home(self):
        self.client.get(f"/gezin/{FAMILY}/", name="Ons gezin")

    @task(4)
    def plan(self):
        self.client.get(f"/gezin/{FAMILY}/plan/", name="Ons plan")

    @task(2)
    def decisions(self):
        self.client.get(f"/gezin/{FAMILY}/beslissen/", name="Beslissen")

    @task(1)
    def network(self):
        self.client.get(f"/gezin/{FAMILY}/netwerk/genogram/", name="Genogram")

    @task(1)
    def timeline(self):
        self.client.get(f"/gezin/{FAMILY}/plan/tijdlijn/", name="Tijdlijn")

    @task(1)
    def consent(self):
        self.client.get(f"/gezin/{FAMILY}/toestemming/", name="Toestemming")

    @task(1)
    def access_log(self):
        self.client.get(f"/gezin/{FAMILY}/logboek/", name="Wie bekeek ons dossier?")
