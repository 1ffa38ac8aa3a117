from django.core.paginator import Paginator
from django.shortcuts import render

from hizdamnut.centers.permissions import role_required
from hizdamnut.centers.roles import MANAGEMENT_ROLES

from .forms import AuditFilterForm, ReviewForm
from .presenters import grouped
from .review import review_reads
from .selectors import filtered_entries


@role_required(MANAGEMENT_ROLES)
def audit_log(request):
    form = AuditFilterForm(request.GET)
    query = form.cleaned_or_404()
    page = Paginator(filtered_entries(request.user, **query), 50).get_page(query["page"])
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "audit/log.html", {
        "form": form, "page": page, "rows": grouped(page.object_list), "params": params.urlencode(),
    })


@role_required(MANAGEMENT_ROLES)
def audit_review(request):
    form = ReviewForm(request.GET or None, user=request.user)
    review = review_reads(**form.cleaned_data) if form.is_valid() else None
    return render(request, "audit/review.html", {"form": form, "review": review})
