"""Join and share links point at the right workshop and their QR codes are real PNGs."""

import pytest

from kpi_logic.links import app_address, join_url, phone_notice, qr_png, share_url


@pytest.mark.parametrize(
    "page_url,configured,expected",
    [
        ("http://10.0.0.5:8501/voting", "", "http://10.0.0.5:8501"),
        ("https://kpi.example.ch/results?x=1", "", "https://kpi.example.ch"),
        ("http://localhost:8501/", "https://workshop.example.ch/", "https://workshop.example.ch"),
        (None, "", "http://192.168.1.20:8501"),
        ("http://localhost:8501/", "", "http://192.168.1.20:8501"),
    ],
)
def test_links_start_from_the_public_root(page_url, configured, expected):
    assert app_address(page_url, configured, network="192.168.1.20").url == expected


def test_facilitator_is_told_what_phones_open_and_how_to_set_the_public_url():
    replaced = phone_notice(app_address("http://localhost:8501/", "", network="192.168.1.20"), "de")
    assert "http://192.168.1.20:8501" in replaced and "KPI_WORKSHOP_URL" in replaced
    stranded = phone_notice(app_address("http://127.0.0.1:8501/", "", network=""), "en")
    assert "phones cannot open" in stranded and "KPI_WORKSHOP_URL" in stranded
    assert phone_notice(app_address("https://kpi.example.ch/", ""), "en") is None


def test_join_link_carries_the_join_code():
    assert join_url("http://h:1", "AB12-CD34") == "http://h:1/?join=AB12-CD34"


def test_share_link_carries_the_share_token_url_encoded():
    assert share_url("http://h:1", "a+b/c") == "http://h:1/?share=a%2Bb%2Fc"


def test_qr_code_is_a_png_image():
    assert qr_png("http://h:1/?join=X").startswith(b"\x89PNG")
