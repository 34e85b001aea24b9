"""The load on the hello-world yardstick (`hello.py`): the same users and pauses as the
public search's load (`locustfile.py`), on its one page."""

from locust import HttpUser, between, task


class HelloUser(HttpUser):
    wait_time = between(0.05, 0.2)

    @task
    def hello(self):
        self.client.get("/", name="/ hello-world")
