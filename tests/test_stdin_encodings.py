"""Stdin and files in UTF-8 with a BOM, and UTF-16/32 without one, in any script."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.io.readers import read_articles

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."
JA = "猫は一日中マットの上に座っています。犬は公園で遠くまで走ります。鳥は木の上を高く飛びます。"
ZH = "我们今天去公园散步。天气很好，阳光明媚。孩子们在草地上玩耍。"
KO = "고양이는 하루 종일 매트 위에 앉아 있습니다. 개는 공원에서 멀리 달립니다. 새는 나무 위로 높이 납니다."
RU = "Кошки сидят на ковриках весь день. Собаки бегают далеко в парке. Птицы летают высоко над деревьями."
WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def run_stdin(data: bytes, *argv: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "summarize", "run", "-", *argv], input=data, capture_output=True,
                          env=env, timeout=120, check=False)
    assert b"Traceback" not in done.stderr
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def jsonl(*articles: str) -> str:
    return "".join(json.dumps({"id": f"r{k}", "article": a}, ensure_ascii=False) + "\n"
                   for k, a in enumerate(articles))


def test_jsonl_on_stdin_after_a_utf8_bom_is_read_as_jsonl() -> None:
    code, out, err = run_stdin(b"\xef\xbb\xbf" + jsonl(OK, OK).encode("utf-8"), "--format", "jsonl")
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["r0", "r1"]


@pytest.mark.parametrize("encoding", [*WIDE, "utf-16", "utf-32"])
def test_jsonl_on_stdin_in_utf16_or_32_with_or_without_bom(encoding: str) -> None:
    code, out, err = run_stdin(jsonl(JA, OK).encode(encoding), "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["r0", "r1"]
    assert rows[0]["summary"][0] == "猫は一日中マットの上に座っています。"


@pytest.mark.parametrize("encoding", WIDE)
@pytest.mark.parametrize("text", [JA, ZH, KO, RU, OK], ids=["ja", "zh", "ko", "ru", "en"])
def test_text_in_utf16_or_32_without_bom_any_script(tmp_path: Path, encoding: str, text: str) -> None:
    data = "\n\n".join([text] * 3).encode(encoding)
    code, out, err = run_stdin(data)
    assert code == 0, err
    assert out.splitlines()[0] in text  # the first summary sentence, not mojibake
    assert f"read as {encoding.upper()}" in err
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    (article,) = read_articles([str(path)])
    assert article.sentences[0] in text


@pytest.mark.parametrize("encoding", WIDE)
def test_csv_in_utf16_or_32_without_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(f'id,article\nr0,"{JA}"\nr1,"{OK}"\n'.encode(encoding))
    assert [a.id for a in read_articles([str(path)])] == ["r0", "r1"]


def test_western_legacy_and_utf8_files_are_not_taken_for_utf16(tmp_path: Path) -> None:
    for name, data, expected in (
        ("cp1252.txt", ("Café crème brûlée à la carte. " * 20).encode("cp1252"), "Café crème brûlée à la carte."),
        ("cp1251.txt", (RU + " ") .encode("cp1251") * 5, RU.split(". ")[0] + "."),
        ("utf8.txt", (JA * 5).encode("utf-8"), "猫は一日中マットの上に座っています。"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        (article,) = read_articles([str(path)])
        assert article.sentences[0] == expected
        assert not any("UTF-16" in w or "UTF-32" in w for w in article.warnings)
