"""The survey as online forms: a Google Apps Script that builds it in Google Forms, a Word document
for Microsoft Forms' Quick import, and a plain text list of questions and answers.

All three come from one `FormDefinition` built from the framework data, so the forms we hand out
ask exactly the framework's questions and their exports come back in a shape the reader scores
without any mapping:
- every answer question's title starts with its question id and ends with the field in brackets
  ("VIS-1 ... Hoe is het nu? (Huidig)"), which the reader matches by id (omni.survey.headers);
- every answer is an option label "3 - <option text>" (the reader takes the leading number), or
  "Niet van toepassing" / "Weet ik niet" (not applicable);
- respondent facts are asked under the template's own labels ("Rol", "Organisatie", ...), with the
  vocabulary labels as choices;
- each dimension's page ends with its importance for the strategy, asked in the template's and the
  web questionnaire's words (`importance.question`, which the reader matches as an importance
  column), answered "1 - nauwelijks belangrijk" ... "5 - doorslaggevend" or "Weet ik niet".
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from omni import __version__
from omni.attributes import VOCABULARIES
from omni.framework import Framework, Question
from omni.i18n import check_language, t
from omni.survey.raw import CURRENT, TARGET

CHOICE, LIST, TEXT = "choice", "list", "text"
IMPORTANCE = "importance"  # the field of a dimension's importance item
TOOLS = ("google", "microsoft")
# Facts asked in the form, in the template's order; the date comes from the tool's own timestamp.
FORM_FACTS = ("name", "role", "department", "organisation", "sector", "size_band", "channel_model")
REQUIRED_FACTS = frozenset({"role", "organisation"})
OPTION_SEPARATOR = " - "


@dataclass(frozen=True)
class FormItem:
    """One question of the form: an answer (question id + current/target) or a respondent fact."""

    kind: str  # choice (radio buttons) / list (drop-down) / text
    title: str
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    question: str = ""  # framework question id; "" for a fact or an importance item
    field: str = ""  # current / target, the fact's name, or importance (for the section's dimension)


@dataclass(frozen=True)
class FormSection:
    """A page of the form: the respondent facts, then one per dimension."""

    title: str
    help: str
    items: tuple[FormItem, ...]
    dimension: str = ""


@dataclass(frozen=True)
class FormDefinition:
    framework_id: str
    framework_version: str
    lang: str
    title: str
    description: str
    confirmation: str
    sections: tuple[FormSection, ...]

    @property
    def items(self) -> tuple[FormItem, ...]:
        return tuple(item for section in self.sections for item in section.items)


def _plain(text: str) -> str:
    """One line: form titles and choices cannot hold line breaks."""
    return " ".join(text.split())


def option_label(question: Question, level: int, lang: str) -> str:
    """The answer a respondent picks for `level`: "3 - <option text>"."""
    return f"{level}{OPTION_SEPARATOR}{_plain(question.option(level)(lang))}"


def answer_choices(question: Question, lang: str) -> tuple[str, ...]:
    """The five anchored options in order, then not applicable and don't know."""
    return (*(option_label(question, level, lang) for level in range(1, 6)),
            t("forms.not_applicable", lang), t("forms.dont_know", lang))


def answer_title(question: Question, field: str, lang: str) -> str:
    """The id first and the field last in brackets, so the export's header is matched by id."""
    ask = t("forms.ask_current" if field == CURRENT else "forms.ask_target", lang)
    label = t("col.current" if field == CURRENT else "col.target", lang)
    text = _plain(question.text(lang))
    return f"{question.id} {_plain(question.topic(lang))}: {text} {ask} ({label})"


def importance_choices(lang: str) -> tuple[str, ...]:
    """1 - nauwelijks belangrijk ... 5 - doorslaggevend, then don't know (the reader takes the number)."""
    return (*(f"{n}{OPTION_SEPARATOR}{t(f'importance.level.{n}', lang)}" for n in range(1, 6)),
            t("forms.dont_know", lang))


def importance_item(dimension, lang: str) -> FormItem:
    """How important improving `dimension` is for the strategy in 2-3 years, as the template and the
    web questionnaire ask it (the title is the text the reader knows as that dimension's importance)."""
    return FormItem(CHOICE, _plain(t("importance.question", lang, dimension=_plain(dimension.name(lang)))),
                    help=_plain(t("importance.help", lang)), choices=importance_choices(lang), required=True,
                    field=IMPORTANCE)


def _fact_item(name: str, lang: str) -> FormItem:
    title = t(f"fact.{name}", lang)
    required = name in REQUIRED_FACTS
    if name in VOCABULARIES:
        return FormItem(LIST, title, choices=tuple(c.label(lang) for c in VOCABULARIES[name]),
                        required=required, field=name)
    return FormItem(TEXT, title, required=required, field=name)


def build_form(framework: Framework, lang: str) -> FormDefinition:
    """The survey as a form: a page of respondent facts, then a page per dimension with a current
    and a target question for each framework question and, last, the dimension's importance."""
    check_language(lang)
    sections = [FormSection(t("forms.facts_section", lang), "",
                            tuple(_fact_item(name, lang) for name in FORM_FACTS))]
    for dimension in framework.dimensions:
        items = []
        for question in dimension.questions:
            choices = answer_choices(question, lang)
            for field in (CURRENT, TARGET):
                items.append(FormItem(CHOICE, answer_title(question, field, lang), choices=choices,
                                      required=True, question=question.id, field=field))
        items.append(importance_item(dimension, lang))
        sections.append(FormSection(_plain(dimension.name(lang)), _plain(dimension.description(lang)),
                                    tuple(items), dimension=dimension.id))
    return FormDefinition(
        framework_id=framework.id, framework_version=framework.version, lang=lang,
        title=t("template.title", lang, framework=_plain(framework.name(lang))),
        description=t("forms.description", lang, continuous=t("framework.continuous", lang)),
        confirmation=t("forms.confirmation", lang),
        sections=tuple(sections))


# --- Google Forms: Apps Script ------------------------------------------------------------------


def js_string(text: str) -> str:
    """A JavaScript string literal for any text (JSON is valid JavaScript; U+2028/9 escaped for
    engines before ES2019)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _comment(text: str, width: int = 96) -> list[str]:
    """Text wrapped into ` * ` comment lines (no `*/` can end the comment early)."""
    lines, line = [], ""
    for word in text.replace("*/", "* /").split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [f" * {ln}" for ln in [*lines, line] if ln]


def _js_item(item: FormItem) -> str:
    add = {CHOICE: "addMultipleChoiceItem", LIST: "addListItem", TEXT: "addTextItem"}[item.kind]
    calls = [f"form.{add}()", f".setTitle({js_string(item.title)})"]
    if item.help:
        calls.append(f".setHelpText({js_string(item.help)})")
    if item.choices:
        values = ", ".join(js_string(c) for c in item.choices)
        calls.append(f".setChoiceValues([{values}])")
    calls.append(f".setRequired({'true' if item.required else 'false'})")
    return "  " + "\n      ".join(calls) + ";"


def apps_script(framework: Framework, lang: str) -> str:
    """A Google Apps Script (.gs) that, run at script.google.com, builds the survey with FormApp."""
    return script_for(build_form(framework, lang))


def script_for(form: FormDefinition) -> str:
    """The Apps Script that builds `form`: every text goes in as a JSON-encoded string literal."""
    lang = form.lang
    made_for = t("forms.made_for", lang, framework=form.framework_id, version=form.framework_version)
    lines = ["/**", *_comment(_plain(form.title)), " *",
             *_comment(t("forms.script_howto", lang)), " *", *_comment(f"{made_for} (omni {__version__})"),
             " */", "function createSurveyForm() {",
             f"  var form = FormApp.create({js_string(form.title)});",
             f"  form.setDescription({js_string(form.description)});",
             f"  form.setConfirmationMessage({js_string(form.confirmation)});"]
    for index, section in enumerate(form.sections):
        lines.append("")
        if index:  # the first page holds the form's title and the respondent facts
            lines.append(f"  form.addPageBreakItem().setTitle({js_string(section.title)})"
                         f".setHelpText({js_string(section.help)});")
        lines += [_js_item(item) for item in section.items]
    lines += ["", "  Logger.log('Edit: ' + form.getEditUrl());",
              "  Logger.log('Share: ' + form.getPublishedUrl());", "  return form;", "}", ""]
    return "\n".join(lines)


# --- Microsoft Forms: Word document for Quick import, and a text list -----------------------------


def _numbered(form: FormDefinition) -> list[tuple[FormSection, list[tuple[int, FormItem]]]]:
    number, out = 0, []
    for section in form.sections:
        items = []
        for item in section.items:
            number += 1
            items.append((number, item))
        out.append((section, items))
    return out


def quick_import_docx(framework: Framework, lang: str) -> bytes:
    """A Word document laid out for Microsoft Forms' Quick import: the form's title and description,
    a heading per section, numbered questions, each with its options as bullet lines below it.

    Not checked against Microsoft's description of the layout. Its support article, "Convert a
    Word or PDF form or quiz to Microsoft Forms"
    (https://support.microsoft.com/en-us/office/convert-a-word-or-pdf-form-or-quiz-to-microsoft-forms-66b7e9bc-eb0d-4c65-b7e6-f9f92dcd71cb),
    is known here only as that link (cited in MicrosoftDocs/OfficeDocs-O365ServiceDescriptions#840,
    which also says Quick import is missing in GCC tenants); its text was in none of the searched
    collections (December 2026: documentation, web pages, GitHub issues and code, for "Microsoft
    Forms quick import Word PDF format questions", "Forms quick import numbered questions choices",
    the article's title and id). What third parties write about it (numbered questions "1.",
    options on their own lines, some say lettered "A."; no word on required marks, sections or
    Likert) is not Microsoft's word, so the layout stays the plain one the tests read back
    (tests/test_forms.py): typed "N. " question numbers, options as Word "List Bullet" paragraphs,
    and every option text exactly as the export must bring it back."""
    from docx import Document  # imported here: only this download needs python-docx

    form = build_form(framework, lang)
    document = Document()
    document.core_properties.title = form.title
    document.core_properties.language = lang
    document.add_paragraph(form.title, style="Title")
    document.add_paragraph(form.description)
    for section, items in _numbered(form):
        document.add_heading(section.title, level=1)
        if section.help:
            document.add_paragraph(section.help)
        for number, item in items:
            question = document.add_paragraph()
            question.add_run(f"{number}. {item.title}").bold = True
            for choice in item.choices:
                document.add_paragraph(choice, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_list(framework: Framework, lang: str) -> str:
    """Every section, numbered question title and option on its own line, for copying into a form."""
    form = build_form(framework, lang)
    lines = [form.title, "", form.description]
    for section, items in _numbered(form):
        lines += ["", f"== {section.title} =="]
        if section.help:
            lines.append(section.help)
        for number, item in items:
            lines += ["", f"{number}. {item.title}", *item.choices]
    return "\n".join(lines) + "\n"


def form_file_info(framework: Framework, lang: str, tool: str, kind: str = "") -> tuple[str, str]:
    """(file name, MIME type) of a generated form, without building it: `tool` google -> the .gs
    script; microsoft -> the .docx, or the text list with kind="text"."""
    base = f"{framework.id}-{lang}"
    if tool == "google":
        return f"{base}-google-forms.gs", "application/javascript"
    if tool == "microsoft" and kind == "text":
        return f"{base}-forms-questions.txt", "text/plain"
    if tool == "microsoft":
        return f"{base}-microsoft-forms.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    raise ValueError(f"tool must be one of {', '.join(TOOLS)}, not {tool!r}")


def form_bytes(framework: Framework, lang: str, tool: str, kind: str = "") -> bytes:
    """The generated form file's content (see `form_file_info`)."""
    form_file_info(framework, lang, tool, kind)  # refuses an unknown tool
    if tool == "google":
        return apps_script(framework, lang).encode("utf-8")
    if kind == "text":
        return text_list(framework, lang).encode("utf-8")
    return quick_import_docx(framework, lang)
