from django.db import models
from django.utils.translation import gettext_lazy as _


class NationalFigures(models.Model):
    """Every center's value of each dashboard figure for one period and population, as counted at
    `computed_at`: a center's dashboard compares its own figures (counted live) with the national median of
    these, instead of counting every other center row by row on each request (hizdamnut/reports/medians.py)."""

    date_from = models.DateField()
    date_to = models.DateField()
    population = models.CharField(max_length=200, blank=True)  # the population filters, "" for everyone
    computed_at = models.DateTimeField()
    values = models.JSONField()  # {indicator code: {center id: value}}

    class Meta:
        verbose_name = _("national figures")
        verbose_name_plural = _("national figures")
        constraints = [models.UniqueConstraint(fields=["date_from", "date_to", "population"],
                                               name="one_national_figures_per_period")]

    def __str__(self):
        return f"{self.date_from} – {self.date_to} ({self.computed_at:%Y-%m-%d %H:%M})"
