"""Browser journeys for Jalon (pytest + selenium, headless Chromium).

Run through scripts/browser-test.sh, which starts a throw-away server on a
demo database and sets JALON_BASE_URL. Each run saves a screenshot of the
visited structure page under .tmp/browser/ (git-ignored).
"""

import datetime
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE_URL = os.environ.get("JALON_BASE_URL", "").rstrip("/")
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / ".tmp" / "browser"
CHROMIUM = os.environ.get("JALON_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("JALON_CHROMEDRIVER", "/usr/bin/chromedriver")
TIMEOUT = 15
DEMO_PASSWORD = os.environ.get("JALON_DEMO_PASSWORD", "")
ADMIN = "admin@demo.jalon.invalid"

COUNT_RE = re.compile(r"^\s*(\d[\d\s]*)\s+structures?\b")


def make_driver(javascript: bool = True) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=fr-FR"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def base_url() -> str:
    assert BASE_URL.startswith("http"), "JALON_BASE_URL must be set (see scripts/browser-test.sh)"
    return BASE_URL


def sign_in(d, base_url: str, email: str = ADMIN, password: str = "") -> None:
    """Signs in through the login form, as a person does."""
    d.get(base_url + "/connexion")
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "password").send_keys(password or DEMO_PASSWORD)
    click_and_wait_navigation(d, d.find_element(By.CSS_SELECTOR, "#connexion button[type=submit]"))
    assert "/connexion" not in d.current_url, "sign-in refused: " + d.find_element(By.TAG_NAME, "main").text[:200]
    assert d.find_elements(By.ID, "compte-connecte"), "no signed-in account in the header"


@pytest.fixture(scope="module")
def driver(base_url):
    d = make_driver(javascript=True)
    sign_in(d, base_url)
    yield d
    d.quit()


@pytest.fixture(scope="module")
def nojs_driver(base_url):
    d = make_driver(javascript=False)
    sign_in(d, base_url)
    yield d
    d.quit()


# ---------------------------------------------------------------- helpers

def wait(d):
    return WebDriverWait(d, TIMEOUT)


def click_and_wait_navigation(d, element):
    """Click something that loads a new page and wait until the old DOM is gone.

    While a page is being replaced, Chromium sometimes answers a query on the old node with a
    generic "Node ... does not belong to the document" error instead of a stale-element one:
    both mean the old page is gone (selenium's own staleness_of only accepts the latter)."""
    old_html = d.find_element(By.TAG_NAME, "html")
    element.click()

    def old_page_gone(_):
        try:
            old_html.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    wait(d).until(old_page_gone)
    wait(d).until(lambda drv: drv.execute_script("return document.readyState") == "complete")


def h1_text(d) -> str:
    return wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1"))).text.strip()


def query_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def result_count(d) -> int:
    text = d.find_element(By.ID, "resultats").text
    m = COUNT_RE.match(text)
    assert m, f"result count text not understood: {text!r}"
    return int(re.sub(r"\s", "", m.group(1)))


def results_table(d):
    """The structures result table as (headers, rows of cell elements)."""
    table = d.find_element(By.CSS_SELECTOR, "main table")
    headers = [th.get_attribute("textContent").strip()
               for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = [tr.find_elements(By.XPATH, "./td|./th")
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    return headers, rows


def assert_filtered_results(d, couloir: str):
    """Every listed row is in `couloir`, links to a FINESS page, and the count is coherent."""
    count = result_count(d)
    assert count > 0, "the filter returned no structure"
    headers, rows = results_table(d)
    for name in ("Nom", "FINESS", "Couloir"):
        assert name in headers, f"column {name!r} missing from {headers}"
    i_nom, i_finess, i_couloir = (headers.index(n) for n in ("Nom", "FINESS", "Couloir"))
    assert rows, "result table has no row"
    for cells in rows:
        assert len(cells) == len(headers), "row/column count mismatch"
        assert cells[i_couloir].text.strip() == couloir, (
            f"row {cells[i_nom].text!r} has couloir {cells[i_couloir].text!r}")
        link = cells[i_nom].find_element(By.TAG_NAME, "a")
        path = urlsplit(link.get_attribute("href")).path
        m = re.fullmatch(r"/structures/([0-9A-Z]{9})", path)
        assert m, f"unexpected structure link {path!r}"
        assert cells[i_finess].text.strip() == m.group(1), "FINESS column differs from link"
    paginated = bool(d.find_elements(By.CSS_SELECTOR, "main nav.fr-pagination"))
    if paginated:
        assert len(rows) < count
    else:
        assert len(rows) == count, f"count says {count} but {len(rows)} rows listed"
    return count, headers, rows


def submit_filter(d, territoire: str, couloir: str):
    form = d.find_element(By.CSS_SELECTOR, "main form[action='/structures']")
    field = form.find_element(By.NAME, "territoire")
    field.clear()
    field.send_keys(territoire)
    Select(form.find_element(By.NAME, "couloir")).select_by_value(couloir)
    button = form.find_element(By.XPATH, ".//button[normalize-space()='Filtrer']")
    click_and_wait_navigation(d, button)


# ---------------------------------------------------------------- tests

def test_structure_journey(driver, base_url):
    d = driver
    d.get(base_url + "/")
    assert h1_text(d) == "Tableau de bord"

    # Main navigation → Structures
    nav = d.find_element(By.CSS_SELECTOR, "header[role='banner'] nav")
    click_and_wait_navigation(d, nav.find_element(By.LINK_TEXT, "Structures"))
    assert urlsplit(d.current_url).path == "/structures"
    assert h1_text(d) == "Structures"
    total = result_count(d)
    current = d.find_element(By.CSS_SELECTOR, "header nav a[aria-current]")
    assert current.text.strip() == "Structures", "nav does not mark Structures as current"

    # Filter: territoire TAN-LITTORAL, couloir ES
    submit_filter(d, "TAN-LITTORAL", "ES")
    q = query_of(d.current_url)
    assert urlsplit(d.current_url).path == "/structures"
    assert q.get("territoire") == ["TAN-LITTORAL"], q
    assert q.get("couloir") == ["ES"], q
    heading = h1_text(d)
    assert heading.startswith("Structures") and "TAN Littoral" in heading, heading
    # the form keeps the submitted values
    assert d.find_element(By.NAME, "territoire").get_attribute("value") == "TAN-LITTORAL"
    assert Select(d.find_element(By.NAME, "couloir")).first_selected_option.get_attribute("value") == "ES"

    count, headers, rows = assert_filtered_results(d, "ES")
    assert count < total, "filter did not narrow the list"

    # First structure
    first_link = rows[0][headers.index("Nom")].find_element(By.TAG_NAME, "a")
    name = first_link.text.strip()
    finess = urlsplit(first_link.get_attribute("href")).path.rsplit("/", 1)[-1]
    click_and_wait_navigation(d, first_link)
    assert urlsplit(d.current_url).path == f"/structures/{finess}"
    assert h1_text(d) == name

    # Identité: the FINESS ET shown equals the one in the link
    identity = None
    for table in d.find_elements(By.CSS_SELECTOR, "main table"):
        caption = table.find_elements(By.TAG_NAME, "caption")
        if caption and caption[0].get_attribute("textContent").strip().startswith("Identité"):
            identity = table
            break
    assert identity is not None, "no Identité table"
    shown = None
    for tr in identity.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = tr.find_elements(By.XPATH, "./th|./td")
        if len(cells) >= 2 and cells[0].text.strip() == "Numéro FINESS établissement (ET)":
            shown = cells[1].text.strip()
    assert shown == finess, f"FINESS shown {shown!r} != link {finess!r}"

    # Territoires list includes TAN-LITTORAL
    items = d.find_elements(
        By.XPATH, "//main//h2[normalize-space()='Territoires']/following-sibling::ul[1]/li")
    texts = [li.text for li in items]
    assert texts, "no Territoires list"
    assert any("TAN-LITTORAL" in t for t in texts), texts
    assert d.find_elements(By.CSS_SELECTOR, "main a[href='/territoires/TAN-LITTORAL']")

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT_DIR / f"structure-{finess}.png"
    assert d.save_screenshot(str(shot)) and shot.stat().st_size > 0


def test_home_landmarks(driver, base_url):
    d = driver
    d.get(base_url + "/")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert len(d.find_elements(By.CSS_SELECTOR, "header[role='banner']")) == 1
    assert len(d.find_elements(By.TAG_NAME, "main")) == 1
    assert len(d.find_elements(By.TAG_NAME, "footer")) == 1
    navs = d.find_elements(By.TAG_NAME, "nav")
    assert navs, "no nav landmark"
    labels = [n.get_attribute("aria-label") or "" for n in navs]
    assert all(labels), f"a nav has no aria-label: {labels}"
    assert len(set(labels)) == len(labels), f"nav labels are not distinct: {labels}"
    main_nav = d.find_element(By.CSS_SELECTOR, "header[role='banner'] nav")
    link_texts = [a.text.strip() for a in main_nav.find_elements(By.TAG_NAME, "a")]
    for expected in ("Tableau de bord", "Territoires", "Structures"):
        assert expected in link_texts, link_texts
    # skip links point at elements that exist
    for a in d.find_elements(By.CSS_SELECTOR, ".fr-skiplinks a[href^='#']"):
        target = a.get_attribute("href").split("#", 1)[1]
        assert d.find_elements(By.ID, target), f"skip link target #{target} missing"
    assert d.title.strip(), "empty <title>"


def test_structures_filter_without_javascript(nojs_driver, base_url):
    d = nojs_driver
    d.get(base_url + "/structures")
    # Prove JavaScript is really off: DSFR sets data-fr-js on <html> when it runs.
    assert d.find_element(By.TAG_NAME, "html").get_attribute("data-fr-js") is None
    form = d.find_element(By.CSS_SELECTOR, "main form")
    assert (form.get_attribute("method") or "get").lower() == "get"
    assert urlsplit(form.get_attribute("action")).path == "/structures"

    submit_filter(d, "D59", "PHARMA")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("data-fr-js") is None
    q = query_of(d.current_url)
    assert q.get("territoire") == ["D59"], q
    assert q.get("couloir") == ["PHARMA"], q
    assert h1_text(d).startswith("Structures")
    assert_filtered_results(d, "PHARMA")


# ------------------------------------------------------- roadmap (issue 3)

def dashboard_status(d, base_url, code, territory, date, roadmap=""):
    """The status badge of an indicator's row on the roadmap dashboard (the current roadmap by default)."""
    d.get(f"{base_url}/feuille-de-route?date={date}&territoire={territory}&feuille={roadmap}")
    link = wait(d).until(EC.presence_of_element_located(
        (By.XPATH, f"//main//table//a[code[normalize-space()='{code}']]")))
    row = link.find_element(By.XPATH, "./ancestor::tr")
    return row.find_elements(By.CSS_SELECTOR, "td")[5].text.strip().lower()


def submit_entry(d, base_url, form_index, fields, selects):
    d.get(f"{base_url}/saisie")
    form = wait(d).until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "main form")))[form_index]
    for name, value in selects.items():
        Select(form.find_element(By.NAME, name)).select_by_value(value)
    for name, value in fields.items():
        box = form.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)
    click_and_wait_navigation(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    alert = wait(d).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .fr-alert")))
    return alert.text


def test_entry_then_dashboard_shows_the_right_statuses(driver, base_url):
    # The demo's current roadmap is the 2023–2027 plan: ORDO-MEDECINS has values in the Nord, whose
    # target is only regional.
    assert dashboard_status(driver, base_url, "ORDO-MEDECINS", "D59", "2026-06-30") == "sans cible"

    # A target the Nord has already passed → "Atteint".
    text = submit_entry(driver, base_url, 1, {"territory": "D59", "due": "fin 2026", "target": "1"}, {"indicator": "ORDO-MEDECINS"})
    assert "Cible enregistrée" in text
    assert dashboard_status(driver, base_url, "ORDO-MEDECINS", "D59", "2026-06-30") == "atteint"

    # A yes/no indicator entered the French way at the département level, with its target.
    text = submit_entry(driver, base_url, 0, {"territory": "D59", "period": "mars 2026", "value": "OUI"}, {"indicator": "I.4"})
    assert "Valeur enregistrée" in text
    submit_entry(driver, base_url, 1, {"territory": "D59", "due": "mi-2026", "target": "OUI"}, {"indicator": "I.4"})
    assert dashboard_status(driver, base_url, "I.4", "D59", "2026-06-30") == "atteint"

    # A target far out of reach, due at the end of 2027, seen mid-2026 → "À risque".
    submit_entry(driver, base_url, 1, {"territory": "D59", "due": "fin 2027", "target": "100 000"}, {"indicator": "ORDO-PHARMACIES"})
    assert dashboard_status(driver, base_url, "ORDO-PHARMACIES", "D59", "2026-06-30") == "à risque"

    # A wrong number is refused in French and nothing changes.
    text = submit_entry(driver, base_url, 0, {"territory": "D59", "period": "mars 2026", "value": "beaucoup"}, {"indicator": "ORDO-PHARMACIES"})
    assert "Valeur illisible" in text
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    driver.get(f"{base_url}/feuille-de-route?date=2026-06-30&territoire=D59")
    driver.save_screenshot(str(SCREENSHOT_DIR / "dashboard-D59.png"))

    # Raising the Nord's target is kept with its before → after, on the indicator's page and the Nord's.
    submit_entry(driver, base_url, 1, {"territory": "D59", "due": "fin 2026", "target": "2"}, {"indicator": "ORDO-MEDECINS"})
    for page in ("/indicateurs/ORDO-MEDECINS", "/territoires/D59"):
        driver.get(f"{base_url}{page}")
        history = driver.find_element(By.XPATH, "//h2[text()='Historique de la définition et des cibles']/following-sibling::*[1]").text
        assert "cible : « 1 » → « 2 »" in history, page


def test_the_closed_roadmap_keeps_its_photo_and_its_locked_periods(driver, base_url):
    """The demo's 2021–2023 roadmap is closed with its last committee's photo: the selector reaches it,
    and a correction of 2022 is refused; the 2023–2027 values stay open."""
    assert dashboard_status(driver, base_url, "O2-08", "R32", "2022-06-30", roadmap="segur-2021-2023-r32") != ""
    assert "clôturée" in driver.find_element(By.TAG_NAME, "main").text
    driver.get(base_url + "/feuille-de-route/photos")
    assert "Comité régional du numérique en santé du 14 décembre 2023" in driver.find_element(By.TAG_NAME, "main").text
    text = submit_entry(driver, base_url, 0, {"territory": "R32", "period": "mai 2022", "value": "12"}, {"indicator": "O2-08"})
    assert "Période verrouillée" in text and "14 décembre 2023" in text
    # An indicator the 2023–2027 plan brought was not in that photo: its 2023 values stay open.
    text = submit_entry(driver, base_url, 0, {"territory": "R32", "period": "mai 2023", "value": "12"}, {"indicator": "ORDO-CREEES"})
    assert "Valeur enregistrée" in text


# ------------------------------------------------------- imports (issue 4)

def test_upload_preview_commit_then_dashboard(driver, base_url, tmp_path):
    # I.4 is a yes/no indicator; the Pas-de-Calais has no value for it yet.
    assert dashboard_status(driver, base_url, "I.4", "D62", "2026-06-30") == "sans cible"
    csv = tmp_path / "valeurs.csv"
    csv.write_text("indicateur;territoire;periode;valeur\nI.4;D62;févr. 2026;OUI\nI.4;D99;févr. 2026;OUI\n", encoding="latin-1")
    driver.get(f"{base_url}/imports")
    driver.find_element(By.ID, "import-fichier").send_keys(str(csv))
    click_and_wait_navigation(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    wait(driver).until(lambda d: h1_text(d) == "Aperçu : valeurs.csv")
    body = driver.find_element(By.TAG_NAME, "main").text
    assert "Territoire inconnu « D99 »" in body
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Valider l'import\"]"))
    alert = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .fr-alert")))
    assert "Import validé" in alert.text
    # The value now shows on the dashboard; with a target, the status follows.
    submit_entry(driver, base_url, 1, {"territory": "D62", "due": "mi-2026", "target": "OUI"}, {"indicator": "I.4"})
    assert dashboard_status(driver, base_url, "I.4", "D62", "2026-06-30") == "atteint"


def test_profile_built_from_a_sample_then_used_for_an_import(driver, base_url, tmp_path):
    sample = tmp_path / "appels.csv"
    sample.write_text("Appels INSi de mars 2026\nSecteur;Appels\nEtablissements sanitaires;1 234\nTotal;1 234\n", encoding="utf-8")
    driver.get(f"{base_url}/imports/profils/editeur")
    driver.find_element(By.ID, "profil-exemple").send_keys(str(sample))
    driver.find_element(By.ID, "profil-nom").send_keys("appels-insi-essai")
    entete = driver.find_element(By.ID, "profil-entete")
    entete.clear()
    entete.send_keys("2")
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Tester sur l'exemple\"]"))
    # The sample's columns are offered in every field's list.
    assert "#1 « Secteur », #2 « Appels »" in driver.find_element(By.TAG_NAME, "main").text
    Select(driver.find_element(By.NAME, "col_indicateur")).select_by_value("Secteur")
    Select(driver.find_element(By.NAME, "col_couloir")).select_by_value("Secteur")
    Select(driver.find_element(By.NAME, "col_valeur")).select_by_value("Appels")
    driver.find_element(By.NAME, "const_territoire").send_keys("R32")
    driver.find_element(By.NAME, "const_periode").send_keys("2026-03")
    driver.find_element(By.ID, "profil-filtres").send_keys("Secteur : exclure : Total")
    driver.find_element(By.ID, "profil-correspondances").send_keys(
        "indicateur : Etablissements sanitaires = O3-18\ncouloir : Etablissements sanitaires = ES")
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Tester sur l'exemple\"]"))
    assert "1 lignes : 1 valeurs seraient créées" in driver.find_element(By.TAG_NAME, "main").text
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Enregistrer le profil']"))
    wait(driver).until(lambda d: re.match(r"Profil appels-insi-essai — version \d+", h1_text(d)))
    # The import page, preset with the profile from the profile's page.
    click_and_wait_navigation(driver, driver.find_element(By.LINK_TEXT, "Importer un fichier avec ce profil"))
    assert Select(driver.find_element(By.ID, "import-profil")).first_selected_option.get_attribute("value") == "appels-insi-essai"
    driver.find_element(By.ID, "import-fichier").send_keys(str(sample))
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Voir l'aperçu\"]"))
    wait(driver).until(lambda d: h1_text(d) == "Aperçu : appels.csv")
    body = driver.find_element(By.TAG_NAME, "main").text
    assert "Lu avec le profil appels-insi-essai" in body and "O3-18" in body
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Valider l'import\"]"))
    alert = wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .fr-alert")))
    assert "Import validé" in alert.text


# ------------------------------------------------------- activity log (issue 5)

def reach_of(driver, base_url, territory: str, couloir: str) -> str:
    """The 'reached / open' cell of the territorial view for a territory and couloir."""
    driver.get(f"{base_url}/activites/territoires?territoire=R32&date=2030-12-31")
    table = driver.find_element(By.CSS_SELECTOR, "main table")
    headers = [th.text.strip() for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    column = headers.index(couloir)
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        cells = row.find_elements(By.CSS_SELECTOR, "td, th")
        if cells[0].text.strip() == territory:
            return cells[column].find_element(By.CSS_SELECTOR, ".fr-hint-text").text.replace("\u202f", "").replace(" ", "")
    raise AssertionError(f"{territory} absent")


def test_visit_logged_from_the_worklist_moves_the_timeline_and_the_reach(driver, base_url):
    before = reach_of(driver, base_url, "Hauts-de-France", "ES")
    reached_before = int(before.split("/")[0])
    # The worklist: ES of the Nord never reached (or not since 2030) — the first one gets a visit.
    driver.get(f"{base_url}/activites/a-toucher?territoire=D59&couloir=ES&depuis=2030-01-01")
    rows = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    never = [r for r in rows if r.find_elements(By.CSS_SELECTOR, "td")[3].text.strip() == "jamais"]
    assert never, "every ES of the Nord has already been reached in the demo"
    name = never[0].find_element(By.CSS_SELECTOR, "td a").text.strip()
    click_and_wait_navigation(driver, never[0].find_element(By.LINK_TEXT, "Consigner une visite"))
    assert name in driver.find_element(By.ID, "a-titre").get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "label[for=topics-MSS]").click()  # DSFR draws the box over the input
    driver.find_element(By.ID, "a-organisateurs").send_keys("GRADeS Hauts-de-France")
    click_and_wait_navigation(driver, driver.find_element(By.XPATH, "//button[normalize-space()=\"Enregistrer l'activité\"]"))
    # The activity page lists the structure; its page shows the visit in its timeline.
    click_and_wait_navigation(driver, driver.find_element(By.LINK_TEXT, name))
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "Visite sur site" in main and "Aucune activité n'a encore touché cette structure" not in main
    # The région's reach of ES moved by one.
    after = reach_of(driver, base_url, "Hauts-de-France", "ES")
    assert int(after.split("/")[0]) == reached_before + 1
    # And the national indicator O2-02 follows without any entry.
    driver.get(f"{base_url}/indicateurs/O2-02?territoire=R32")
    assert "journal des activités" in driver.find_element(By.TAG_NAME, "main").text


def test_an_animateur_writes_in_his_territory_only(base_url):
    """The animatrice of the Nord signs in: a visit in the Pas-de-Calais is refused with the reason,
    one in the Nord is logged; the accounts page is closed to her; signing out ends the session."""
    d = make_driver(javascript=True)
    try:
        d.get(base_url + "/connexion")
        d.find_element(By.ID, "email").send_keys("animateur.nord@demo.jalon.invalid")
        d.find_element(By.ID, "password").send_keys("pas le bon mot de passe")
        click_and_wait_navigation(d, d.find_element(By.CSS_SELECTOR, "#connexion button[type=submit]"))
        assert "Adresse électronique ou mot de passe incorrect." in d.find_element(By.TAG_NAME, "main").text
        sign_in(d, base_url, "animateur.nord@demo.jalon.invalid")
        assert "Animateur territorial" in d.find_element(By.ID, "compte-connecte").text

        def log_visit(territory):
            d.get(f"{base_url}/activites/a-toucher?territoire={territory}&couloir=ES&depuis=2030-01-01")
            rows = d.find_elements(By.CSS_SELECTOR, "main table tbody tr")
            assert rows, f"no ES to reach in {territory}"
            click_and_wait_navigation(d, rows[0].find_element(By.LINK_TEXT, "Consigner une visite"))
            d.find_element(By.ID, "a-organisateurs").send_keys("GRADeS Hauts-de-France")
            click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()=\"Enregistrer l'activité\"]"))
            return d.find_element(By.TAG_NAME, "main").text

        refused = log_visit("D62")
        assert "Hors de vos territoires (D59)" in refused, refused[:300]
        logged = log_visit("D59")
        assert "Visite sur site" in logged and "Hors de vos territoires" not in logged, logged[:300]

        d.get(base_url + "/administration/comptes")
        assert "Accès refusé" in d.find_element(By.TAG_NAME, "main").text
        # The refusal page keeps the header of the signed-in account.
        assert "Animateur territorial" in d.find_element(By.ID, "compte-connecte").text
        click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Se déconnecter']"))
        d.get(base_url + "/activites")
        assert "/connexion" in d.current_url
    finally:
        d.quit()


def test_a_validated_snapshot_stays_as_validated_and_locks_its_periods(driver, base_url):
    """The pilote validates the photo at mid-2026 for the committee; a later correction of May 2026 is
    refused until the administrator gives a reason; the validated photo does not move."""
    d = make_driver(javascript=True)
    try:
        sign_in(d, base_url, "pilote@demo.jalon.invalid")
        d.get(base_url + "/feuille-de-route/photos")
        d.find_element(By.ID, "photo-nom").send_keys("Comité régional du 30 juin 2026")
        d.execute_script("document.getElementById('photo-date').value = '2026-06-30'")
        d.find_element(By.ID, "photo-territoire").send_keys("R32")
        click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Valider']"))
        validated = d.find_element(By.TAG_NAME, "main").text
        assert "Photo à date validée" in validated and "Comité régional du 30 juin 2026" in validated
        # The validator by his name: e-mails stay in the audit trail (issue 12).
        assert "Claude Exemple (pilote ARS)" in validated and "pilote@demo.jalon.invalid" not in validated and "ORDO-CREEES" in validated
        photo = d.current_url.split("?")[0]
        tables = [t.text for t in d.find_elements(By.CSS_SELECTOR, "main table")]

        # The administrator (module driver) corrects May 2026 of the région: refused, then allowed with a reason.
        text = submit_entry(driver, base_url, 0, {"territory": "R32", "period": "mai 2026", "value": "123 456"}, {"indicator": "ORDO-CREEES"})
        assert "Période verrouillée" in text and "Comité régional du 30 juin 2026" in text
        text = submit_entry(driver, base_url, 0, {"territory": "R32", "period": "mai 2026", "value": "123 456",
                                                  "override": "erratum transmis par la CPAM"}, {"indicator": "ORDO-CREEES"})
        assert "Valeur enregistrée" in text
        driver.get(base_url + "/audit?action=override")
        assert "Dérogation au verrouillage" in driver.find_element(By.TAG_NAME, "main").text

        # The validated photo is unchanged.
        d.get(photo)
        assert [t.text for t in d.find_elements(By.CSS_SELECTOR, "main table")] == tables
    finally:
        d.quit()


# ------------------------------------------------------- a roadmap the region writes (issue 14)

def test_a_cotan_is_planned_held_and_gets_its_pack(driver, base_url):
    """A COTAN's next year is planned; its first meeting gets an agenda item, attendance, a decision
    turned into a task, then its pack generated from a photo validated for it and downloaded as a PDF."""
    d = driver
    d.get(base_url + "/comites/cotan-littoral")
    year = d.find_element(By.ID, "programme-annee").get_attribute("value")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Proposer le programme')]"))
    assert "Programme proposé" in d.find_element(By.TAG_NAME, "main").text
    first = d.find_element(By.XPATH, f"//table//a[contains(normalize-space(), '{year}')]")
    click_and_wait_navigation(d, first)
    meeting_url = d.current_url.split("?")[0]

    # The agenda: the committee's template, plus an item about the TAN.
    d.find_element(By.ID, "odj-point").send_keys("25 min | Focus MSSanté des EHPAD | CPAM")
    Select(d.find_element(By.ID, "odj-sujet-type")).select_by_value("territoire")
    d.find_element(By.ID, "odj-sujet-code").send_keys("TAN-LITTORAL")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//form[.//input[@name='section' and @value='agenda']]//button"))
    agenda = d.find_element(By.XPATH, "//table[caption[normalize-space()='Ordre du jour']]").text
    assert "Focus MSSanté des EHPAD" in agenda and "Territoire TAN-LITTORAL" in agenda

    # Attendance: the members invited, the first one present.
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Inviter les membres du comité']"))
    presence = d.find_element(By.CSS_SELECTOR, "select[id^='presence-']")
    presence_id = presence.get_attribute("id")
    Select(presence).select_by_value("present")
    click_and_wait_navigation(d, presence.find_element(By.XPATH, "./ancestor::form//button"))
    assert Select(d.find_element(By.ID, presence_id)).first_selected_option.get_attribute("value") == "present"
    assert "1 présent(s) ou représenté(s)" in d.find_element(By.TAG_NAME, "main").text

    # A decision, turned into a task of the board that names its meeting.
    d.find_element(By.ID, "decision-texte").send_keys("Organiser un webinaire MSSanté pour les EHPAD du Littoral")
    d.find_element(By.ID, "decision-responsable").send_keys("GRADeS")
    d.find_element(By.ID, "decision-echeance").send_keys(f"30/06/{year}")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Ajouter la décision']"))
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='En faire une tâche']"))
    d.get(base_url + "/taches")
    card = d.find_element(By.XPATH, "//*[contains(@class, 'jalon-task')][.//*[contains(normalize-space(), 'webinaire MSSanté')]]")
    assert "COTAN" in card.text and "Décision" in card.text

    # The photo for the committee, at the end of last year (no period the other journeys write in), then
    # the pack from it and its PDF.
    last_year_end = datetime.date(datetime.date.today().year - 1, 12, 31)
    d.get(base_url + "/feuille-de-route/photos")
    d.find_element(By.ID, "photo-nom").send_keys("COTAN Littoral — bilan annuel")
    d.execute_script(f"document.getElementById('photo-date').value = '{last_year_end.isoformat()}'")
    d.find_element(By.ID, "photo-territoire").send_keys("TAN-LITTORAL")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Valider']"))
    d.get(meeting_url)
    photo = Select(d.find_element(By.ID, "dossier-photo"))
    photo.select_by_visible_text(next(o.text for o in photo.options if "COTAN Littoral — bilan annuel" in o.text))
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Générer le dossier (PDF)']"))
    link = d.find_element(By.XPATH, "//table[caption[normalize-space()='Dossiers générés']]//a[normalize-space()='PDF']")
    href = link.get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
    import urllib.request
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookies})) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"


def test_a_region_writes_its_roadmap_from_the_template_and_validates_its_photo(driver, base_url):
    """Normandie starts from the 2023–2027 template: a fiche of its own, a regional indicator attached,
    a composite RACI cell, a text photo, a validated photo — seen in the steering table and on the home
    page. Runs last: its photo locks the template's indicators up to today."""
    d = driver
    roadmap = "feuille-de-route-2023-2027-r28"
    d.get(base_url + "/feuille-de-route/gestion")
    Select(d.find_element(By.ID, "fdr-modele")).select_by_value("feuille-de-route-2023-2027")
    region = d.find_element(By.ID, "fdr-modele-region")
    region.clear()
    region.send_keys("R28")
    template_form = d.find_element(By.XPATH, "//form[.//input[@name='section' and @value='template']]")
    click_and_wait_navigation(d, template_form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert roadmap in d.page_source
    # In preparation while the region writes it, so the demo's roadmap stays the current one.
    status_form = d.find_element(
        By.XPATH, f"//form[.//input[@name='section' and @value='status'] and .//input[@name='roadmap' and @value='{roadmap}']]")
    Select(status_form.find_element(By.NAME, "status")).select_by_value("en_preparation")
    click_and_wait_navigation(d, status_form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    # A fiche of its own under objective 5.
    fiche_form = d.find_element(
        By.XPATH, f"//form[.//input[@name='section' and @value='fiche'] and .//input[@name='roadmap' and @value='{roadmap}']]")
    fiche_form.find_element(By.NAME, "code").send_keys("TELEEXPERTISE-NORMANDIE")
    fiche_form.find_element(By.NAME, "title").send_keys("Télé-expertise en Normandie")
    Select(fiche_form.find_element(By.NAME, "objective")).select_by_value("5")
    click_and_wait_navigation(d, fiche_form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    fiche_url = f"{base_url}/feuille-de-route/fiches/TELEEXPERTISE-NORMANDIE?feuille={roadmap}&territoire=R28"
    d.get(fiche_url)
    assert "Télé-expertise en Normandie" in h1_text(d), h1_text(d)
    # An action, then a composite RACI cell for it.
    d.find_element(By.XPATH, "//summary[normalize-space()='Ajouter une action']").click()
    d.find_element(By.ID, "action-nouvelle-titre").send_keys("Accompagner les requérants")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()=\"Ajouter l'action\"]"))
    raci = d.find_element(By.CSS_SELECTOR, "select[id^='raci-1-']")
    raci_id = raci.get_attribute("id")
    Select(raci).select_by_value("A/R")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Enregistrer le RACI']"))
    assert Select(d.find_element(By.ID, raci_id)).first_selected_option.get_attribute("value") == "A/R"
    # A regional indicator in the complementary table.
    Select(d.find_element(By.ID, "fiche-indicateur")).select_by_value("I.4")
    Select(d.find_element(By.ID, "fiche-role")).select_by_value("complementaire")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//form[.//input[@name='section' and @value='attach']]//button"))
    assert "Indicateurs régionaux complémentaires" in d.find_element(By.TAG_NAME, "main").text

    # A text photo with the pilote's status, for last month.
    today = datetime.date.today()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    d.get(f"{base_url}/saisie")
    form = d.find_elements(By.CSS_SELECTOR, "main form")[0]
    Select(form.find_element(By.NAME, "indicator")).select_by_value("I.4")
    form.find_element(By.NAME, "territory").send_keys("R28")
    form.find_element(By.NAME, "period").send_keys(last_month)
    form.find_element(By.NAME, "value").send_keys("Oui > centre de ressources cyber ouvert à Caen")
    form.find_element(By.NAME, "comment").send_keys("Inauguré avec le GRADeS")
    Select(form.find_element(By.NAME, "status")).select_by_value("atteint")
    click_and_wait_navigation(d, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Valeur enregistrée" in d.find_element(By.CSS_SELECTOR, "main .fr-alert").text

    # The steering table shows the text, its comment and the status.
    d.get(f"{base_url}/feuille-de-route?feuille={roadmap}&territoire=R28")
    row = d.find_element(By.XPATH, "//main//table//tr[.//code[normalize-space()='I.4']]")
    assert "Oui > centre de ressources cyber ouvert à Caen" in row.text and "Inauguré avec le GRADeS" in row.text
    assert "atteint" in row.text.lower()

    # The photo, validated for the committee; it holds the text; the home page announces it.
    name = f"Comité régional normand du {today.day} {today.month}"
    d.get(base_url + "/feuille-de-route/photos")
    Select(d.find_element(By.ID, "feuille")).select_by_value(roadmap)
    d.find_element(By.ID, "photo-nom").send_keys(name)
    d.execute_script(f"document.getElementById('photo-date').value = '{today.isoformat()}'")
    d.find_element(By.ID, "photo-territoire").send_keys("R28")
    click_and_wait_navigation(d, d.find_element(By.XPATH, "//button[normalize-space()='Valider']"))
    validated = d.find_element(By.TAG_NAME, "main").text
    assert "Photo à date validée" in validated and "Oui > centre de ressources cyber ouvert à Caen" in validated
    d.get(base_url + "/")
    assert name in d.find_element(By.TAG_NAME, "main").text
