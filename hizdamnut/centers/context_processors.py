from .permissions import can_write
from .scoping import user_role


def staff(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"user_role": user_role(user), "user_can_write": can_write(user)}
