"""Who is an analyst: Streamlit's OIDC login when configured, else the analyst password."""

from dataclasses import dataclass

import streamlit as st

from hcdash import access
from hcdash.links import plain

DISABLED = (
    "Uploaden en terugdraaien zijn uitgeschakeld: er is geen analistenlogin ingesteld. "
    "Maak een wachtwoordhash met `hcdash hash-password` en zet die in de omgeving als "
    f"`{access.HASH_ENV_VAR}` of in `.streamlit/secrets.toml` als `analyst_password_hash`; "
    "of stel OIDC-login in met een `[auth]`-blok in `.streamlit/secrets.toml`."
)
PASSWORD_CHANGED = (
    "U bent uitgelogd: het analistenwachtwoord is gewijzigd. Log opnieuw in met het nieuwe."
)
NO_ALLOW_LIST = (
    "Schrijven is dicht: er is geen lijst van analisten ingesteld. Zet de e-mailadressen of "
    f"domeinen (`@provincie.nl`) in de omgeving als `{access.ANALYSTS_ENV_VAR}` (met komma's) "
    "of in `.streamlit/secrets.toml` als `analysts = [...]`."
)
NOT_ALLOWED = (
    "Uw account ({account}) staat niet op de lijst van analisten; u kunt alles bekijken, maar "
    "niets laden of terugdraaien. Vraag de beheerder om u toe te voegen."
)
_ANALYST = "hcdash_analyst"  # (name, fingerprint of the password hash it signed in under)


@dataclass(frozen=True)
class Analyst:
    name: str
    via: str  # 'oidc' or 'password'


def _secret(name: str) -> str | None:
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file at all: streamlit raises on access
        return None


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def _source() -> str:
    """Where an attempt comes from: the client address Streamlit sees. Behind a reverse proxy on
    another machine that is the proxy's address, so all visitors share one brake (still never
    more than a few seconds for the right password); on localhost Streamlit gives none."""
    return st.context.ip_address or "local"


def analyst() -> Analyst | None:
    """The signed-in analyst, or None after drawing what a visitor needs to sign in."""
    if _oidc_configured():
        return _oidc_analyst()
    encoded = access.configured_hash(_secret("analyst_password_hash"))
    session = st.session_state.get(_ANALYST)
    if session is not None and session[1] != access.hash_fingerprint(encoded):
        del st.session_state[_ANALYST]  # the password hash was changed or removed
        st.warning(PASSWORD_CHANGED, icon=":material/logout:")
        session = None
    if encoded is None:
        st.info(DISABLED, icon=":material/lock:")
        return None
    if session is not None:
        st.caption(f"Ingelogd als analist: {plain(session[0])}")
        if st.button("Uitloggen", key="analyst_logout"):
            del st.session_state[_ANALYST]
            st.rerun()
        return Analyst(session[0], "password")
    _password_form(encoded)
    return None


def _oidc_analyst() -> Analyst | None:
    if not st.user.is_logged_in:
        st.button("Inloggen als analist", on_click=st.login, type="primary")
        return None
    allowed = access.allowed_analysts(_secret("analysts"))
    email = access.oidc_analyst(st.user, allowed)
    st.button("Uitloggen", on_click=st.logout)
    if email is None:
        shown = plain(st.user.get("email") or st.user.get("name") or "?")
        st.info(
            NOT_ALLOWED.format(account=shown) if allowed else NO_ALLOW_LIST, icon=":material/lock:"
        )
        return None
    st.caption(f"Ingelogd als {plain(email)}")
    return Analyst(email, "oidc")


def _password_form(encoded: str) -> None:
    with st.form("analyst_login"):
        st.markdown("**Inloggen als analist** om bestanden te laden of terug te draaien.")
        name = st.text_input("Uw naam (komt bij de upload te staan)", key="analyst_name")
        password = st.text_input("Analistenwachtwoord", type="password", key="analyst_password")
        submitted = st.form_submit_button("Inloggen")
    if not submitted:
        return
    if not name.strip():
        st.error("Vul uw naam in: die wordt bij elke upload bewaard.")
        return
    if access.check_password(password, encoded, _source()):
        st.session_state[_ANALYST] = (name.strip()[:80], access.hash_fingerprint(encoded))
        st.rerun()
    st.error("Onjuist wachtwoord.")
