"""Join and share links point at the right workshop and their QR codes are real PNGs."""

import pytest

from kpi_logic.links import base_url, join_url, qr_png, share_url


@pytest.mark.parametrize(
    "page_url,configured,expected",
    [
        ("http://10.0.0.5:8501/voting", "", "http://10.0.0.5:8501"),
        ("https://kpi.example.ch/results?x=1", "", "https://kpi.example.ch"),
        ("http://localhost:8501/", "https://workshop.example.ch/", "https://workshop.example.ch"),
        (None, "", "http://localhost:8501"),
    ],
)
def test_links_start_from_the_public_root(page_url, configured, expected):
    assert base_url(page_url, configured) == expected


def test_join_link_carries_the_join_code():
    assert join_url("http://h:1", "AB12-CD34") == "http://h:1/?join=AB12-CD34"


def test_share_link_carries_the_share_token_url_encoded():
    assert share_url("http://h:1", "a+b/c") == "http://h:1/?share=a%2Bb%2Fc"


def test_qr_code_is_a_png_image():
    assert qr_png("http://h:1/?join=X").startswith(b"\x89PNG")
