"""Fixtures of the browser tests: one analysed demo store and one real HTTP server per module.

The store holds the demo corpus (Turkish, Persian, the PDF bulletin) and a local page whose text
contains ``<script>`` (as text: it must show, never run). Documents are analysed (entities, dates,
figures, knowledge base) when the NER models are installed; without them the store has documents only,
and the tests that need entities skip (``needs_models``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.settings import REPO_ROOT, Settings, get_settings
from tests.conftest import DEMO

MODELS = REPO_ROOT / "models"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "ui"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def models_ready() -> bool:
    return all((MODELS / lang / "meta.json").is_file() and (MODELS / lang / "config.cfg").is_file() for lang in ("tr", "fa"))


ANALYZED = models_ready()
needs_models = pytest.mark.skipif(
    not ANALYZED, reason="NER models models/tr and models/fa are not installed (make train): the store has no entities"
)

# A page whose text talks about script tags: the escaped ones become text, the real one is dropped.
SCRIPT_PAGE = """<!doctype html>
<html lang="tr">
<head><meta charset="utf-8"><title>Güvenlik denemesi: &lt;script&gt;window.pwned=2&lt;/script&gt; içeren haber</title>
<meta property="article:published_time" content="2025-02-03"></head>
<body><article>
<h1>Güvenlik denemesi: &lt;script&gt;window.pwned=2&lt;/script&gt; içeren haber</h1>
<p>Erzurum'da düzenlenen mesleki eğitim toplantısında kursiyerler, internet sayfalarına gömülen kod
parçalarının nasıl tehlikeli olabileceğini öğretmenleriyle birlikte ayrıntılı olarak tartıştı.</p>
<p>&lt;script&gt;window.pwned=1&lt;/script&gt;</p>
<p>Eğitim programında ayrıca <script>window.pwned=3</script> gerçek bir betik etiketi ile
&lt;img src=x onerror="window.pwned=4"&gt; biçiminde yazılmış bir resim etiketi örnek olarak gösterildi
ve kursiyerler bu örnekleri inceledi.</p>
</article></body></html>
"""


@dataclass
class UiStore:
    settings: Settings
    script_document: int
    documents: dict[str, int]  # file name -> document id


@pytest.fixture(scope="module")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UiStore]:
    from service.ingest.runner import Ingestor

    root = tmp_path_factory.mktemp("ui-store")
    script_page = root / "guvenlik-denemesi.html"
    script_page.write_text(SCRIPT_PAGE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HAMKAR_DATABASE_URL", f"sqlite:///{root / 'hamkar.db'}")
        env.setenv("HAMKAR_ALLOW_PRIVATE_NETWORKS", "1")
        env.setenv("HAMKAR_HOST_DELAY", "0")
        env.delenv("HAMKAR_API_KEYS", raising=False)
        env.delenv("HAMKAR_READ_KEYS_REQUIRED", raising=False)
        get_settings.cache_clear()
        settings = get_settings()
        on_document = None
        if ANALYZED:
            from service.pipeline import analyze_stored_document

            on_document = analyze_stored_document
        summary = Ingestor(settings, on_document=on_document).run(
            [str(DEMO / "tr"), str(DEMO / "fa"), str(DEMO / "bulletin"), str(script_page)], progress=False)
        documents = {Path(r.locator).name: r.document_id for r in summary.reports if r.document_id}
        assert documents.get(script_page.name), [r for r in summary.reports if r.locator == str(script_page)]
        yield UiStore(settings, documents[script_page.name], documents)
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def server(ui_store: UiStore) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    from service.api.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(ui_store.settings), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="off", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True, name="ui-test-server")
    thread.start()
    deadline = time.monotonic() + 30
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=15)
    sock.close()
