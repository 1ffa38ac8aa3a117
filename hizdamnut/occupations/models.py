from django.db import models
from django.utils.translation import gettext_lazy as _


class Occupation(models.Model):
    """One group of ISCO-08, the ILO classification on which the CBS classification of occupations 2011 is built."""

    class Level(models.TextChoices):
        MAJOR = "major", _("Major group")
        SUB_MAJOR = "sub_major", _("Sub-major group")
        MINOR = "minor", _("Minor group")
        UNIT = "unit", _("Unit group")

    code = models.CharField(_("code"), max_length=4, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent group")
    )
    title_en = models.CharField(_("English title"), max_length=200)
    title_he = models.CharField(_("Hebrew title"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="major", parent__isnull=True)
                | (~models.Q(level="major") & models.Q(parent__isnull=False)),
                name="occupation_parent_unless_major",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title_he}"


class OccupationSynonym(models.Model):
    """A job title as centers write it (קופאית, מלקט, אינסטלטור), mapped to its unit group."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="synonyms", verbose_name=_("occupation"),
        limit_choices_to={"level": Occupation.Level.UNIT},
    )
    title_he = models.CharField(_("title"), max_length=200, unique=True)

    class Meta:
        ordering = ["title_he"]
        verbose_name = _("occupation synonym")
        verbose_name_plural = _("occupation synonyms")

    def __str__(self):
        return self.title_he
