"""Path prefixes the features share, so that a topic's and a position's addresses are
spelled once."""

TOPIC = "consultations/<slug:consultation_slug>/topics/<slug:topic_slug>/"
POSITION = TOPIC + "positions/<int:pk>/"
