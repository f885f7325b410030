"""Languages: detection, profiles, sentences and summaries per language, multilingual ROUGE, CLI --language.

Every article here is written for these tests (four short paragraphs: a lead,
two body paragraphs, a closing summary that opens with the language's marker).
"""

from __future__ import annotations

import json

import pytest

from eval.languages import LANGUAGES, detect_language
from eval.rouge import RougeConfig, score_summary
from eval.rouge.fast import tokenize
from eval.signature import Signature
from eval.stats.bootstrap import BootstrapConfig
from summarize.cli.main import main
from summarize.models.methods import make_summarizer
from summarize.text.parse import parse_text
from summarize.text.profile import SUPPORTED, get_profile

# code -> (paragraphs; the last opens with the language's own-summary marker)
ARTICLES = {
    "en": ["The city opened a new library on Monday. Hundreds of readers came to see it.",
           "The building has four floors and a garden on the roof. Children can read there in the sun.",
           "The mayor said the library cost less than planned. Builders finished it early.",
           "In summary, the new library is large, cheap and popular."],
    "fr": ["La ville a ouvert une nouvelle bibliothèque lundi. Des centaines de lecteurs sont venus la voir.",
           "Le bâtiment compte quatre étages et un jardin sur le toit. Les enfants peuvent y lire au soleil.",
           "Le maire a déclaré que la bibliothèque a coûté moins que prévu. Les ouvriers ont fini en avance.",
           "En résumé, la nouvelle bibliothèque est grande, bon marché et populaire."],
    "de": ["Die Stadt hat am Montag eine neue Bibliothek eröffnet. Hunderte Leser kamen, um sie zu sehen.",
           "Das Gebäude hat vier Stockwerke und einen Garten auf dem Dach. Kinder können dort in der Sonne lesen.",
           "Der Bürgermeister sagte, die Bibliothek habe weniger gekostet als geplant. "
           "Die Arbeiter waren früher fertig.",
           "Zusammenfassend ist die neue Bibliothek groß, günstig und beliebt."],
    "es": ["La ciudad abrió una nueva biblioteca el lunes. Cientos de lectores vinieron a verla.",
           "El edificio tiene cuatro pisos y un jardín en el techo. Los niños pueden leer allí al sol.",
           "El alcalde dijo que la biblioteca costó menos de lo previsto. Los obreros terminaron antes.",
           "En resumen, la nueva biblioteca es grande, barata y popular."],
    "it": ["La città ha aperto una nuova biblioteca lunedì. Centinaia di lettori sono venuti a vederla.",
           "L'edificio ha quattro piani e un giardino sul tetto. I bambini possono leggere lì al sole.",
           "Il sindaco ha detto che la biblioteca è costata meno del previsto. Gli operai hanno finito prima.",
           "In sintesi, la nuova biblioteca è grande, economica e amata."],
    "pt": ["A cidade abriu uma nova biblioteca na segunda-feira. Centenas de leitores vieram vê-la.",
           "O prédio tem quatro andares e um jardim no telhado. As crianças podem ler lá ao sol.",
           "O prefeito disse que a biblioteca custou menos do que o previsto. Os operários terminaram antes.",
           "Em resumo, a nova biblioteca é grande, barata e popular."],
    "nl": ["De stad heeft maandag een nieuwe bibliotheek geopend. Honderden lezers kwamen kijken.",
           "Het gebouw heeft vier verdiepingen en een tuin op het dak. Kinderen kunnen daar in de zon lezen.",
           "De burgemeester zei dat de bibliotheek minder kostte dan gepland. De bouwers waren eerder klaar.",
           "Samenvattend is de nieuwe bibliotheek groot, goedkoop en geliefd."],
    "ru": ["В понедельник город открыл новую библиотеку. Сотни читателей пришли посмотреть на неё.",
           "В здании четыре этажа и сад на крыше. Дети могут читать там на солнце.",
           "Мэр сказал, что библиотека обошлась дешевле, чем планировалось. Строители закончили раньше срока.",
           "В итоге новая библиотека большая, недорогая и популярная."],
    "tr": ["Şehir pazartesi günü yeni bir kütüphane açtı. Yüzlerce okur onu görmeye geldi.",
           "Binanın dört katı ve çatısında bir bahçesi var. Çocuklar orada güneşte kitap okuyabiliyor.",
           "Belediye başkanı kütüphanenin planlanandan daha ucuza mal olduğunu söyledi. İşçiler işi erken bitirdi.",
           "Özetle, yeni kütüphane büyük, ucuz ve sevilen bir yer."],
    "id": ["Kota itu membuka perpustakaan baru pada hari Senin. Ratusan pembaca datang untuk melihatnya.",
           "Gedung itu memiliki empat lantai dan taman di atap. Anak-anak bisa membaca di sana di bawah matahari.",
           "Wali kota mengatakan perpustakaan itu lebih murah dari rencana. Para pekerja menyelesaikannya lebih awal.",
           "Singkatnya, perpustakaan baru itu besar, murah, dan disukai warga."],
    "vi": ["Thành phố đã mở một thư viện mới vào thứ Hai. Hàng trăm độc giả đã đến xem.",
           "Tòa nhà có bốn tầng và một khu vườn trên mái. Trẻ em có thể đọc sách dưới nắng ở đó.",
           "Thị trưởng nói thư viện tốn ít tiền hơn dự kiến. Các công nhân đã hoàn thành sớm.",
           "Tóm lại, thư viện mới rộng, rẻ và được nhiều người yêu thích."],
    "ar": ["افتتحت المدينة مكتبة جديدة يوم الاثنين. جاء مئات القراء لرؤيتها.",
           "يتكون المبنى من أربعة طوابق وحديقة على السطح. يمكن للأطفال القراءة هناك تحت الشمس.",
           "قال رئيس البلدية إن المكتبة كلفت أقل مما كان مخططا. أنهى العمال البناء مبكرا.",
           "باختصار، المكتبة الجديدة كبيرة ورخيصة ومحبوبة."],
    "zh": ["这座城市星期一开放了一座新图书馆。数百名读者前来参观。",
           "这栋建筑有四层楼，屋顶上还有一个花园。孩子们可以在阳光下读书。",
           "市长说图书馆的花费比计划的少。工人们提前完成了工程。",
           "总之，新图书馆很大，很便宜，也很受欢迎。"],
    "ja": ["市は月曜日に新しい図書館を開館した。数百人の読者が見学に訪れた。",
           "建物は四階建てで、屋上には庭がある。子どもたちは日なたで本を読むことができる。",
           "市長は、図書館の費用は計画より少なかったと述べた。作業員は予定より早く工事を終えた。",
           "要するに、新しい図書館は広くて安く、人気がある。"],
    "ko": ["시는 월요일에 새 도서관을 열었다. 수백 명의 독자가 구경하러 왔다.",
           "건물은 4층이며 옥상에는 정원이 있다. 아이들은 그곳에서 햇볕을 받으며 책을 읽을 수 있다.",
           "시장은 도서관 비용이 계획보다 적게 들었다고 말했다. 인부들은 공사를 일찍 끝냈다.",
           "요약하면, 새 도서관은 넓고 저렴하며 인기가 많다."],
}


def _text(code: str) -> str:
    return "\n\n".join(ARTICLES[code])


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_each_language_is_detected_split_summarized_and_scores_itself_one(code):
    assert detect_language(_text(code)).code == code
    article = parse_text(_text(code))
    assert article.language == code
    # the closing paragraph ("In summary" in the language) is the reference; the body is the rest
    assert article.reference_kinds == ("closing",)
    assert article.references == ((ARTICLES[code][3],),)
    assert len(article.sentences) == 6  # two sentences in each of the three body paragraphs
    summary = make_summarizer("tfidf", n_sentences=2).summarize(article)
    assert len(summary.sentences) == 2 and set(summary.sentences) <= set(article.sentences)
    body = list(article.sentences)
    scores = score_summary(body, [body], RougeConfig(language=code))
    assert {name: s.fmeasure for name, s in scores.items()} == {name: 1.0 for name in scores}
    auto = score_summary(body, [body], RougeConfig(language="auto"))
    assert all(s.fmeasure == 1.0 for s in auto.values())


def test_identical_texts_score_one_in_every_supported_language():
    text = "Alpha beta gamma δέλτα жизнь 北京 東京 ㄱㄴ café naïve 123."
    for code in LANGUAGES:
        scores = score_summary([text], [[text]], RougeConfig(language=code, tokenizer="unicode"))
        assert all(s.fmeasure == 1.0 for s in scores.values()), code


def test_accented_spanish_words_stay_different_words():
    assert tokenize("está esté", True, "unicode:es") == ["esta", "este"]
    scores = score_summary(["Ella está aquí."], [["Ella esté aquí."]], RougeConfig(language="es"))
    assert scores["rouge1"].recall == pytest.approx(2 / 3)
    # rouge-score's own tokenizer cuts both at the accent into "est": the bug this fixes
    assert tokenize("está esté", True, "rouge-score") == ["est", "est"]


def test_english_keeps_rouge_score_tokens_and_other_keys():
    from rouge_score import tokenizers

    text = "The runners were running quickly; naïve café 北京!"
    assert tokenize(text, True, RougeConfig(language="en").word_rule) == \
        tokenizers.DefaultTokenizer(use_stemmer=True).tokenize(text)
    assert RougeConfig(language="zh").word_rule == "words:zh"
    assert RougeConfig(language="zh", tokenizer="chars").word_rule == "chars:zh"
    assert RougeConfig(language="fr").word_rule == "unicode:fr"
    assert tokenize("我们去公园散步", False, "words:zh") == ["我们", "去", "公园", "散步"]
    assert tokenize("我们去公园", False, "chars:zh") == ["我", "们", "去", "公", "园"]


def test_unknown_language_is_an_error_naming_the_codes():
    with pytest.raises(ValueError, match=r"unknown language 'xz'; supported: auto, ar, .*zh"):
        RougeConfig(language="xz")
    with pytest.raises(ValueError, match="unknown language 'qq'"):
        get_profile("qq")
    with pytest.raises(ValueError, match="unknown language"):
        make_summarizer("tfidf", language="qq").summarize("A text. Another one.")


def test_profiles_have_their_languages_rules():
    assert set(ARTICLES) <= set(SUPPORTED)
    fr = get_profile("fr")
    assert fr.stem("continuellement") == "continuel" and "le" in fr.stop_words and "m" in fr.titles
    assert get_profile("zh").segmenter == "zh" and get_profile("ko").segmenter is None
    assert get_profile("xx").stop_words == frozenset() and get_profile("xx").stemmer is None
    assert get_profile("el").stops.endswith(";")


def test_signature_names_the_languages():
    auto = Signature.create(RougeConfig(language="auto"), BootstrapConfig(), splitter="s", reference="auto",
                            languages=("zh", "fr", "fr"))
    assert "|lang:auto(fr,zh)|tok:unicode:fr+words:zh|stem:none+snowball|" in str(auto)
    assert "|lang:en|tok:rouge-score-default|stem:porter|" in str(
        Signature.create(RougeConfig(), BootstrapConfig(), splitter="s", reference="auto"))


def test_unsure_detection_falls_back_to_english_with_a_warning():
    article = parse_text("OK 42 ok.")
    assert article.language == "en"
    assert any("could not tell the language" in w and "--language CODE" in w for w in article.warnings)


def test_record_language_field_is_used_and_run_writes_language(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "article": _text("fr"), "language": "fr"},
            {"id": "b", "article": _text("de")},
            {"id": "c", "article": _text("en"), "language": "EN-gb"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["run", str(path), "--format", "jsonl", "--no-progress"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["id"], r["language"]) for r in out] == [("a", "fr"), ("b", "de"), ("c", "en")]
    assert main(["run", str(path), "--format", "jsonl", "--no-progress", "--language", "it"]) == 0
    assert {json.loads(line)["language"] for line in capsys.readouterr().out.splitlines()} == {"it"}


def test_cli_unknown_language_exits_2_listing_codes(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(_text("en"), encoding="utf-8")
    for command in (["run", str(path)], ["eval", str(path)], ["score", str(path), str(path)]):
        with pytest.raises(SystemExit) as exit_info:
            main([*command, "--language", "xz"])
        assert exit_info.value.code == 2
        assert "unknown language 'xz'; supported: auto, ar" in capsys.readouterr().err


def test_eval_signature_and_scores_follow_the_article_language(tmp_path, capsys):
    path = tmp_path / "fr.txt"
    path.write_text(_text("fr"), encoding="utf-8")
    assert main(["eval", str(path), "--no-progress", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "|lang:auto(fr)|tok:unicode:fr|stem:snowball|" in report["signature"]


def test_clearly_english_text_skips_the_detector(monkeypatch):
    import summarize.text.languages as languages

    def no_model(text):
        raise AssertionError("the detector was asked")

    monkeypatch.setattr(languages, "detect_language", no_model)
    assert languages.choose_language("auto", _text("en")) == ("en", None)
    # other languages, and short or non-ASCII English, still go to the detector
    for code in ("fr", "id", "de", "nl", "vi"):
        assert not languages.clearly_english(_text(code)), code
    assert not languages.clearly_english("The cat sat on the mat.")
    with pytest.raises(AssertionError, match="the detector was asked"):
        languages.choose_language("auto", _text("id"))
