import datetime

from hizdamnut.surveys.models import Answer, Questionnaire, QuestionnaireItem, SurveyResponse
from hizdamnut.surveys.services import load_questionnaire

SMALL = {
    "code": "test-q", "title_he": "שאלון בדיקה", "title_en": "Test questionnaire",
    "domains": [{"code": "attitude", "label_he": "יחס הצוות", "label_en": "Attitude"}],
    "items": [
        {"code": "listen", "text_he": "מקשיבים לי", "text_en": "They listen", "domain": "attitude", "reverse": False},
        {"code": "dismiss", "text_he": "לא לוקחים אותי ברצינות", "text_en": "Not serious", "domain": "attitude",
         "reverse": True},
        {"code": "hours", "text_he": "השעות נוחות", "text_en": "Hours suit me", "domain": "service", "reverse": False},
    ],
}


def make_questionnaire(definition=SMALL):
    return load_questionnaire(definition)[0]


def make_response(questionnaire, center, answers, answered_on=datetime.date(2026, 3, 1), source="paper"):
    response = SurveyResponse.objects.create(questionnaire=questionnaire, center=center, answered_on=answered_on,
                                             source=source)
    for item in questionnaire.items.all():
        Answer.objects.create(response=response, item=item, value=answers.get(item.code))
    return response


__all__ = ["make_questionnaire", "make_response", "Questionnaire", "QuestionnaireItem", "SMALL"]
