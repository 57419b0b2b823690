"""The analysis: Korean words are found in every form, compounds meet their spaced spelling."""

from __future__ import annotations

import pytest

from forum.search.analysis import CHUNK_LENGTH, Group, clean, query_groups, terms


def _finds(query: str, text: str) -> bool:
    """Every query group is in the document: its compound, or all of its parts."""
    document = set(terms(text))
    return all(
        (group.compound and group.compound in document) or set(group.parts) <= document
        for group in query_groups(query)
    )


@pytest.mark.parametrize("text", ["암호화는 필요하다", "암호화를 반대한다", "암호화가 문제다"])
def test_a_noun_is_found_with_any_particle(text):
    assert _finds("암호화", text)


def test_a_compound_finds_its_spaced_spelling_and_the_reverse():
    assert _finds("수사기관", "수사 기관의 요청")
    assert _finds("수사 기관", "수사기관이 요청했다")


def test_a_compound_is_indexed_with_its_parts():
    assert {"수사", "기관", "수사기관"} <= set(terms("수사기관"))


def test_a_derived_noun_is_indexed_with_its_base_but_asked_for_whole():
    assert {"암호", "암호화"} <= set(terms("암호화는"))
    assert query_groups("암호화") == [Group(("암호화",))]
    assert not _finds("암호화", "암호를 바꿨다")


def test_verb_and_adjective_stems_are_kept():
    assert _finds("달리다", "그는 달렸다")
    assert "중요" in terms("중요한 문제")


def test_particles_and_endings_are_left_out():
    found = terms("수사기관이 암호화를 요구했습니다")
    assert not {"이", "를", "습니다", "었"} & set(found)


def test_latin_words_are_lower_cased_and_left_unstemmed():
    assert terms("End-to-end Encryption을 encrypted.") == [
        "end",
        "to",
        "end",
        "encryption",
        "encrypted",
    ]


def test_control_characters_and_nul_are_removed():
    assert clean("a\x00b\x07c\u200bd") == "a b c d"
    assert terms("암호\x00화") == terms("암호 화")


def test_full_width_latin_is_read_as_ascii():
    assert terms("ＥＮＣＲＹＰＴＩＯＮ") == ["encryption"]


def test_long_text_is_analysed_in_bounded_chunks(monkeypatch):
    from forum.search import analysis

    seen: list[int] = []
    kiwi = analysis._analyser()

    class Spy:
        def tokenize(self, text):
            seen.append(len(text))
            return kiwi.tokenize(text)

    monkeypatch.setattr(analysis, "_analyser", Spy)
    found = terms("암호화는 필요하다. " * 2_000)
    assert max(seen) <= CHUNK_LENGTH
    assert found.count("암호화") == 2_000


def test_a_word_without_spaces_longer_than_a_chunk_is_cut_not_refused():
    assert terms("가" * (CHUNK_LENGTH * 3)) is not None


@pytest.mark.parametrize("query", ["", "   ", "%", "_", "'\"\\", "!!!", "이가", "\x00"])
def test_queries_without_content_words_ask_for_nothing(query):
    assert query_groups(query) == []


def test_query_terms_never_carry_syntax():
    for group in query_groups("a & b | !c:* 'd' \"e\" (f) <-> 수사기관:*"):
        for term in group.terms:
            assert term.isalnum(), term
