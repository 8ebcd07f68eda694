"""Who is an analyst: Streamlit's OIDC login when configured, else the analyst password."""

import secrets as random_tokens
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
_ANALYST = "hcdash_analyst"
_SESSION = "hcdash_session_key"


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


def _session_key() -> str:
    if _SESSION not in st.session_state:
        st.session_state[_SESSION] = random_tokens.token_hex(8)
    return st.session_state[_SESSION]


def analyst() -> Analyst | None:
    """The signed-in analyst, or None after drawing what a visitor needs to sign in."""
    if _oidc_configured():
        if st.user.is_logged_in:
            name = st.user.get("name") or st.user.get("email") or "analist"
            st.caption(f"Ingelogd als {plain(name)}")
            st.button("Uitloggen", on_click=st.logout)
            return Analyst(str(name), "oidc")
        st.button("Inloggen als analist", on_click=st.login, type="primary")
        return None
    encoded = access.configured_hash(_secret("analyst_password_hash"))
    if encoded is None:
        st.info(DISABLED, icon=":material/lock:")
        return None
    if _ANALYST in st.session_state:
        st.caption(f"Ingelogd als analist: {plain(st.session_state[_ANALYST])}")
        if st.button("Uitloggen", key="analyst_logout"):
            del st.session_state[_ANALYST]
            st.rerun()
        return Analyst(st.session_state[_ANALYST], "password")
    _password_form(encoded)
    return None


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
    ok, message = access.check_password(password, encoded, _session_key())
    if ok:
        st.session_state[_ANALYST] = name.strip()[:80]
        st.rerun()
    st.error(message)
