"""A local S3 server for the tests of a lake whose data are in object storage: moto in server
mode, started and stopped by the tests (no S3 server is assumed to run)."""

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import free_port

BUCKET = "hcdash-test"
CREDENTIALS = {  # moto accepts any; the lake is given them as a deployment would
    "AWS_ACCESS_KEY_ID": "hcdash-test",
    "AWS_SECRET_ACCESS_KEY": "hcdash-test-secret",
    "AWS_REGION": "eu-west-1",
}
START_SECONDS = 30


class S3Server:
    """``S3Server(folder).start()``: moto on a free port with one bucket; ``env`` holds what a
    process needs to reach it (the usual AWS variables and the endpoint)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.env = {**CREDENTIALS, "AWS_ENDPOINT_URL": self.endpoint}
        self.process: subprocess.Popen | None = None

    def start(self) -> "S3Server":
        log = (self.folder / "moto.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.env},
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.stop()
            raise RuntimeError(f"moto did not start on port {self.port} (see {log.name})")
        region = {"LocationConstraint": CREDENTIALS["AWS_REGION"]}
        with _environment(self.env):
            client().create_bucket(Bucket=BUCKET, CreateBucketConfiguration=region)
        return self

    def client(self):
        return client()

    def data_path(self, name: str) -> str:
        """A lake's data path in the bucket."""
        return f"s3://{BUCKET}/{name}"

    def copy_prefix(self, source: str, target: str) -> None:
        """Copy every object of one data path (``s3://bucket/prefix``) to another."""
        s3 = self.client()
        old, new = (p.removeprefix(f"s3://{BUCKET}/") + "/" for p in (source, target))
        for key in keys(BUCKET, old):
            copied = {"Bucket": BUCKET, "Key": key}
            s3.copy_object(Bucket=BUCKET, Key=new + key[len(old) :], CopySource=copied)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


def client():
    """An S3 client as the environment says (the tests' server once the run has started it)."""
    import boto3  # moto's own dependency, only where the tests use S3

    return boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_ENDPOINT_URL"],
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=os.environ["AWS_REGION"],
    )


def keys(bucket: str, prefix: str) -> list[str]:
    pages = client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


@contextmanager
def _environment(values: dict):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
