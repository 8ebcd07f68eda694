"""Who is an analyst: Streamlit's OIDC login when configured, else the analyst password."""

from dataclasses import dataclass

import streamlit as st

from hcdash import access
from hcdash.i18n import t
from hcdash.links import plain

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


def analyst(lang: str = "nl") -> Analyst | None:
    """The signed-in analyst, or None after drawing what a visitor needs to sign in (in the
    page's language)."""
    if _oidc_configured():
        return _oidc_analyst(lang)
    encoded = access.configured_hash(_secret("analyst_password_hash"))
    session = st.session_state.get(_ANALYST)
    if session is not None and session[1] != access.hash_fingerprint(encoded):
        del st.session_state[_ANALYST]  # the password hash was changed or removed
        st.warning(t("login.password_changed", lang), icon=":material/logout:")
        session = None
    if encoded is None:
        st.info(t("login.disabled", lang, hash_var=access.HASH_ENV_VAR), icon=":material/lock:")
        return None
    if session is not None:
        st.caption(t("login.signed_in_analyst", lang, name=plain(session[0])))
        if st.button(t("login.log_out", lang), key="analyst_logout"):
            del st.session_state[_ANALYST]
            st.rerun()
        return Analyst(session[0], "password")
    _password_form(encoded, lang)
    return None


def _oidc_analyst(lang: str) -> Analyst | None:
    if not st.user.is_logged_in:
        st.button(t("login.log_in_analyst", lang), on_click=st.login, type="primary")
        return None
    allowed = access.allowed_analysts(_secret("analysts"))
    trusted = access.provider_verifies_emails(_secret("oidc_emails_verified"))
    email = access.oidc_analyst(st.user, allowed, trusted)
    st.button(t("login.log_out", lang), on_click=st.logout)
    if email is None:
        st.info(_refusal(allowed, trusted, lang), icon=":material/lock:")
        return None
    st.caption(t("login.signed_in", lang, name=plain(email)))
    return Analyst(email, "oidc")


def _refusal(allowed: tuple[str, ...], trusted: bool, lang: str) -> str:
    """Why the signed-in account may not write, in the page's language."""
    shown = plain(st.user.get("email") or st.user.get("name") or "?")
    if not allowed:
        return t("login.no_allow_list", lang, analysts_var=access.ANALYSTS_ENV_VAR)
    if st.user.get("email") and not access.email_verified(st.user, trusted):
        return t(
            "login.email_unverified", lang, account=shown, verified_var=access.VERIFIED_ENV_VAR
        )
    return t("login.not_allowed", lang, account=shown)


def _password_form(encoded: str, lang: str) -> None:
    with st.form("analyst_login"):
        st.markdown(t("login.form", lang))
        name = st.text_input(t("login.name", lang), key="analyst_name")
        password = st.text_input(t("login.password", lang), type="password", key="analyst_password")
        submitted = st.form_submit_button(t("login.submit", lang))
    if not submitted:
        return
    if not name.strip():
        st.error(t("login.name_missing", lang))
        return
    if access.check_password(password, encoded, _source()):
        st.session_state[_ANALYST] = (name.strip()[:80], access.hash_fingerprint(encoded))
        st.rerun()
    st.error(t("login.wrong_password", lang))
