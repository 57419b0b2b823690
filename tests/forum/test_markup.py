import pytest

from forum.markup import render_markdown


def test_markdown_renders_allowed_formatting():
    html = render_markdown("**bold** *em*\n\n- one\n- two\n\n> quote\n\n`code`")
    assert "<strong>bold</strong>" in html
    assert "<em>em</em>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<blockquote>" in html
    assert "<code>code</code>" in html


def test_links_get_nofollow_noopener_ugc():
    html = render_markdown("[source](https://example.org/a) and https://example.com/b")
    assert html.count('rel="nofollow noopener ugc"') == 2
    assert 'href="https://example.org/a"' in html
    assert 'href="https://example.com/b"' in html


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ('<p onclick="x()">hi</p>', "onclick"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ("<svg><script>alert(1)</script></svg>", "<svg"),
        ("<style>body{display:none}</style>", "<style"),
        ("<!-- hidden -->", "<!--"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<div style="position:fixed">x</div>', "style="),
        ("<h1>Big</h1>", "<h1"),
    ],
)
def test_hostile_markup_comes_out_inert(text, forbidden):
    assert forbidden not in render_markdown(text).lower()


def test_code_blocks_keep_their_text_escaped_once():
    html = render_markdown("```\n<b>x</b> & y\n```")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html


def test_headings_are_demoted_below_the_page_headings():
    html = render_markdown("# Title\n\n## Part\n\n###### Deep")
    assert "<h3>Title</h3>" in html and "<h3>Part</h3>" in html and "<h4>Deep</h4>" in html


def test_korean_text_survives_unchanged():
    assert "수사기관의 <strong>협조</strong> 요구" in render_markdown("수사기관의 **협조** 요구")
