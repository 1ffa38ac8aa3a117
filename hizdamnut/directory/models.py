from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.models import Center
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet, sees_all_centers, visible_center_ids


class CommunityServiceQuerySet(CenterScopedQuerySet):
    def for_user(self, user):
        """Nationwide services (no center) are everyone's; a center's own entries only its staff's."""
        if sees_all_centers(user):
            return self.all()
        return self.filter(Q(center__isnull=True) | Q(center__in=visible_center_ids(user)))


class CommunityService(CenterOwned, models.Model):
    """A service outside the center that a person can be referred to (seed: "referrals out")."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_he = models.CharField(_("name (Hebrew)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    center = models.ForeignKey(
        Center, on_delete=models.CASCADE, null=True, blank=True, related_name="community_services",
        verbose_name=_("center"), help_text=_("Empty for a service every center refers to."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = CommunityServiceQuerySet.as_manager()
    center_path = "center"

    class Meta:
        ordering = ["name_he"]
        verbose_name = _("community service")
        verbose_name_plural = _("community services")

    def __str__(self):
        return self.name

    @property
    def name(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_he

