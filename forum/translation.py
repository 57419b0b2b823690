"""Organizer-written text exists in every UI language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from forum.models import Consultation, Stance, Topic


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "framing", "framing_html", "background", "background_html")
    required_languages = {"en": ("title",)}


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("question", "context", "context_html")
    required_languages = {"en": ("question",)}


@register(Stance)
class StanceTranslation(TranslationOptions):
    fields = ("label", "description")
    required_languages = {"en": ("label",)}
