from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import ALL_ROLES

from .models import CommunityService


@role_required(ALL_ROLES)
def service_list(request):
    services = CommunityService.objects.for_user(request.user).filter(active=True).select_related("center")
    return render(request, "directory/list.html", {"services": services})
