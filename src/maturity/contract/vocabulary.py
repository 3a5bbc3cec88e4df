"""The built-in catalogues of business goals, profile facts, pain points, industries and size
bands.

Plugins add goals and facts through the `register_goals` and `register_facts` hooks. Industries
and size bands are fixed lists, so that peer benchmarks from any plugin use the same keys.

"""

from __future__ import annotations

import re

#: goal id -> (name, what it means)
GOALS: dict[str, tuple[str, str]] = {
    "market-reach": ("Expand market reach", "Reach new customers, channels or regions."),
    "customer-service": ("Improve customer service", "Answer faster, keep customers longer, fewer complaints."),
    "operations": ("Streamline operations", "Less manual work, fewer errors, shorter cycle times."),
    "innovation": ("Develop innovative products", "New products or services, faster time to market."),
    "cost": ("Reduce cost", "Spend less on running the business and its technology."),
    "security": ("Security and compliance", "Protect the business, its customers' data and its licence to operate."),
}

#: fact id -> what it means. Profiles state them through `sales_channels` (channel:*),
#: `regulated_data` (data:*) and `facts`.
FACTS: dict[str, str] = {
    "channel:walk-in": "customers buy in person, at a shop or counter",
    "channel:phone": "customers order or book by phone",
    "channel:online": "customers buy or book online, on the business's own site",
    "channel:marketplace": "the business sells through marketplaces or platforms",
    "channel:field": "staff sell or serve at the customer's site",
    "channel:b2b": "customers are other businesses, on account or contract",
    "data:personal": "the business keeps personal data about customers or staff",
    "data:health": "the business handles health data",
    "data:card": "the business handles payment card data",
    "data:financial": "the business handles customers' financial data",
    "data:children": "the business handles children's data",
    "has:servers": "the business runs its own servers on site",
    "has:ai": "the business uses or plans to use AI tools",
    "has:developers": "the business builds its own software",
    "has:remote-staff": "staff work from home or on the road",
    "has:windows-office": "staff use Windows computers with Microsoft Office",
    # from the profile's `country`, for rules that follow the law where the business is
    "region:uk": "the business is in the United Kingdom",
    "region:eu": "the business is in the EU or the EEA",
    "region:us": "the business is in the United States",
    "region:nz": "the business is in New Zealand",
    "region:au": "the business is in Australia",
    "region:ca": "the business is in Canada",
}


#: pain id -> (the problem in an owner's words, what it means). Capabilities name the pains they
#: address (`addresses`); a profile's processes name theirs in `pain_points`, by id or in free
#: text that `match_pains` maps to ids.
PAINS: dict[str, tuple[str, str]] = {
    "lost-orders": ("Orders get lost or mistyped", "Orders taken by phone, email or on paper, or their details (an allergy, a delivery date), go missing or are copied wrongly."),
    "double-entry": ("The same data typed twice", "Orders, invoices, claims or product details are retyped from one system, sheet or whiteboard into another."),
    "paper-forms": ("Paper forms and signatures", "Forms, job sheets, checklists and contracts are filled in on paper, signed in person and typed up later."),
    "manual-admin": ("Hours of repetitive admin", "The same small tasks (copying, sending, filing, reminding) eat hours every week and swamp the team at peaks."),
    "slow-close": ("Month-end or cash-up takes too long", "Closing the books, matching the bank or cashing up the till takes days or hours longer than it should."),
    "late-invoices": ("Invoices go out late", "Invoices are typed by hand or in batches, days or weeks after the work or the delivery."),
    "late-payments": ("Customers pay late", "Customers pay after the due date, invoices sit unpaid and cash runs short."),
    "chasing-payments": ("Chasing payments takes hours", "Someone spends hours a week phoning and emailing customers who have not paid."),
    "slow-quotes": ("Quotes take too long", "Quotes and estimates are built by hand, take days and are not followed up, so customers go elsewhere."),
    "stock-outs": ("Stock runs out or is kept in a spreadsheet", "Best sellers or materials run short, stock lives in a spreadsheet or on paper, and reordering is guesswork."),
    "waste-forecast": ("Too much or too little made or bought", "Production, staffing and buying are guessed, so goods are wasted on quiet days and run short on busy ones."),
    "phone-bookings": ("Bookings only by phone", "Customers can book only by calling, lines are busy, calls are missed out of hours and the diary is kept by hand."),
    "no-shows": ("No-shows and late cancellations", "Customers miss appointments or cancel at the last minute, leaving empty slots."),
    "no-online-sales": ("Customers cannot buy online", "Customers who want to order or buy online cannot, or the web shop is old and hard to keep up."),
    "scattered-customer-info": ("Customer information is scattered", "Customer details and history sit in inboxes, notebooks, spreadsheets and a few people's heads."),
    "slow-replies": ("Customers wait for answers", "Questions, complaints and returns arrive by every route, some are missed, and customers wait or complain."),
    "no-follow-up": ("Customers are not followed up", "Nobody follows up quotes, enquiries or past customers, so they do not come back."),
    "messy-data": ("Data that cannot be trusted", "Customer and product records are duplicated, out of date or differ between systems and channels."),
    "slow-reports": ("Reports take days", "The numbers for decisions are pulled together by hand from several places, so reports are late or never made."),
    "file-chaos": ("Files everywhere, in several versions", "Documents are emailed back and forth, kept on laptops and memory sticks, and nobody knows which copy is current."),
    "unknown-software": ("Nobody knows what software we pay for", "Subscriptions pile up, some unused, and nobody has the full list or knows when they renew."),
    "shared-logins": ("Shared logins and reused passwords", "Several people use one login, passwords are reused or written down, and leavers keep access."),
    "untested-backups": ("Backups never tested", "There are no backups, or nobody has tried to restore one, or the only copy sits next to the original."),
    "no-incident-plan": ("No plan if we are hacked", "Nobody knows what to do or whom to call if ransomware or a hacked mailbox strikes."),
    "phishing": ("Phishing emails", "Staff get fake emails, texts and login pages that look real, and some click or type a password."),
    "payment-fraud": ("Fake invoices and payment fraud", "Emails that pretend to be a supplier, a client or the boss ask for an urgent payment or new bank details, and money goes to fraudsters (invoice or payment-diversion fraud)."),
    "lost-devices": ("A lost laptop or phone would expose data", "Laptops and phones hold business data without encryption or a screen lock, and nobody could wipe a lost one."),
    "outdated-systems": ("Old computers and software", "Computers, tills or servers run software that no longer gets updates, and updates wait until someone gets round to them."),
    "data-leaks": ("Sensitive data copied where it should not be", "Customer, patient or client data ends up on laptops, memory sticks, personal email or public AI tools."),
    "outages": ("A breakdown stops the business", "When the internet, the till, a server or a key app goes down, work stops and nobody knows how long it will take."),
    "it-support": ("Nobody looks after IT", "When a computer or the Wi-Fi breaks, whoever is nearest tries to fix it, and nobody owns the technology."),
    "hiring": ("Cannot find or keep skilled staff", "Vacancies stay open, skilled people leave, and nobody can cover for IT or specialist work."),
    "digital-skills": ("Staff lack digital skills", "People struggle with the tools they have, work around them or avoid new ones."),
    "tools-unused": ("New tools bought but not used", "Software is paid for, but people keep the old way of working and the benefit never arrives."),
    "compliance-paperwork": ("Compliance paperwork", "Regulators, insurers, auditors, tenders and large customers ask for evidence and questionnaires that take days."),
    "privacy-unsure": ("Unsure what privacy law asks of us", "Nobody is sure what the law allows with customer data, what to tell people or what to do when they ask."),
    "ai-no-rules": ("AI used with no rules", "Staff use ChatGPT and other AI tools with business or customer data, and nobody has said what is allowed."),
}

#: pain id -> the keywords `match_pains` looks for. A keyword is one or more words; it matches a
#: text that contains every one of its words, in any order. A word ending in `*` matches every
#: word that begins with it (`order*` matches "orders" and "ordering"); words are compared in
#: lower case, and hyphens and punctuation separate words ("re-typed" is "re typed").
PAIN_KEYWORDS: dict[str, tuple[str, ...]] = {
    "lost-orders": ("order* lost", "order* lose*", "order* missing", "order* mistyp*", "order* pad", "order* forgot*", "order* wrong*", "order* missed", "not passed on", "get* lost"),
    "double-entry": ("twice", "three times", "retyp*", "re typed", "re typing", "rekey*", "re entered", "double entry", "typed from", "typed into", "copy* between", "whiteboard*", "copy paste"),
    "paper-forms": ("on paper", "paper form*", "form* paper", "paper receipt*", "paper intake", "paper job*", "paper sheet*",
                    "paper record*", "paper cop*", "paper note*", "paper manifest*", "paper order*", "paper checklist*",
                    "paper contract*", "carbon cop*", "clipboard*", "fax*", "print* sign*", "scan* sign*", "sign* in person"),
    "manual-admin": ("admin", "by hand", "manual*", "repetitive", "overwhelm*", "swamp*", "peak*", "busywork"),
    "slow-close": ("month end", "monthend", "year end", "clos* books", "reconcil*", "cash up", "cashup", "bookkeeping", "sales sheet"),
    "late-invoices": ("invoic* late", "invoic* week*", "invoic* after", "invoic* delay*", "invoic* behind", "invoic* typed", "bill* late", "billing"),
    "late-payments": ("pay* late", "late pay*", "overdue", "unpaid", "outstanding", "debtor*", "cash flow", "cashflow"),
    "chasing-payments": ("chas* pay*", "chas* invoic*", "chas* money", "chas* debt*", "payment* remind*", "remind* pay*"),
    "slow-quotes": ("quot*", "estimat*", "proposal*", "tender* slow"),
    "stock-outs": ("stock out*", "stockout*", "out of stock", "run* out", "ran out", "shortage*", "stock spreadsheet*", "stock differ*", "count* stock", "stock count*", "reorder*", "stock level*"),
    "waste-forecast": ("waste*", "left over", "leftover*", "left at closing", "too much", "unsold", "forecast*", "guess*", "quiet day*"),
    "phone-bookings": ("book* phone*", "phone* book*", "phone line*", "phone* busy", "missed call*", "diary", "appointment book*", "book* online", "double book*"),
    "no-shows": ("no show*", "noshow*", "appointment* missed", "missed appointment*", "miss* appointment*", "late cancel*", "cancellation*"),
    "no-online-sales": ("buy online", "order online", "online shop", "web shop", "webshop", "no website", "e commerce", "ecommerce"),
    "scattered-customer-info": ("know* customer*", "customer* head*", "in head*", "people s heads", "customer* spreadsheet*", "customer* notebook*", "customer* scatter*", "past purchase*", "customer history", "customer record*", "crm"),
    "slow-replies": ("customer* wait*", "shared inbox", "unanswered", "no reply", "slow repl*", "slow respon*", "complain*", "returns", "missed email*"),
    "no-follow-up": ("follow* up", "followed up", "repeat customer*", "come back", "regulars", "loyal*", "lapsed", "recall*", "reminder* hand", "reminder* never", "reminder* letter*", "remind* customer*", "remind* client*", "remind* patient*", "remind* owner*"),
    "messy-data": ("duplicat*", "differ* between", "differ* channel*", "inconsisten*", "out of date record*", "wrong address*", "mismatch*", "data quality"),
    "slow-reports": ("report* day*", "report* week*", "report* hand", "report* slow", "report* late", "no report*", "dashboard*", "kpi*", "figures"),
    "file-chaos": ("version*", "back and forth", "memory stick*", "usb stick*", "find file*", "find document*", "which file", "which copy", "shared drive", "desktop*"),
    "unknown-software": ("subscription*", "licen*", "what software", "unused software", "unused tool*", "software we pay", "subscription renewal*", "renew automatically", "auto-renew*"),
    "shared-logins": ("shared login*", "share* login*", "shared password*", "share* password*", "same password*", "reus* password*", "password* written", "password* note*", "shared account*", "one login"),
    "untested-backups": ("backup*", "back up", "backed up", "restor*"),
    "no-incident-plan": ("ransomware", "hack*", "cyber attack*", "cyberattack*", "incident*", "breach*"),
    "phishing": ("phish*", "fake email*", "fake login*", "scam*", "spoof*", "suspicious email*", "suspicious link*"),
    "payment-fraud": ("fake invoic*", "invoic* fake", "fraud*", "bank detail*", "payment* divert*", "payment divers*", "urgent payment*", "urgent transfer*", "ceo fraud"),
    "lost-devices": ("lost laptop*", "lost mobile*", "lost device*", "stolen", "unencrypted", "screen lock*"),
    "outdated-systems": ("out of date", "outdated", "old computer*", "old pc*", "old software", "unsupported", "windows 7", "windows 10", "updates", "end of life"),
    "data-leaks": ("copied to laptop*", "data laptop*", "leak*", "personal email", "data copied", "copied data", "copied to usb"),
    "outages": ("outage*", "goes down", "went down", "is down", "internet down", "offline", "crash*", "server* cupboard", "breaks down", "downtime"),
    "it-support": ("it support", "it provider", "it person", "nobody fix*", "computer* break*", "computer* broke*", "wifi", "wi fi", "tech support"),
    "hiring": ("hire*", "hiring", "recruit*", "vacanc*", "staff leav*", "turnover", "retain*", "retention", "skilled staff", "skilled people", "find staff", "can t find"),
    "digital-skills": ("digital skill*", "computer skill*", "lack* skill*", "skills gap", "struggl*", "not confident", "untrained", "training"),
    "tools-unused": ("nobody uses", "not used", "never used", "don t use", "adopt*", "old way"),
    "compliance-paperwork": ("complian*", "audit*", "regulat*", "inspector*", "paperwork", "questionnaire*", "tender*", "iso", "soc", "certification*", "security certificate*", "cyber essentials", "evidence", "hipaa", "insurer* ask*"),
    "privacy-unsure": ("privacy", "gdpr", "consent*", "data protection", "personal data", "subject access"),
    "ai-no-rules": ("ai", "chatgpt", "copilot", "gemini", "chatbot*", "generative", "llm*", "assistant*"),
}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _keyword_matches(keyword: str, words: list[str]) -> bool:
    for part in keyword.split():
        if part.endswith("*"):
            stem = part[:-1]
            if not any(w.startswith(stem) for w in words):
                return False
        elif part not in words:
            return False
    return True


def match_pains(text: str, keywords: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """The pain ids a free-text pain point names, in catalogue order.

    A text that is itself a pain id gives that id. Otherwise every pain with a keyword that the
    text contains is returned (see `PAIN_KEYWORDS` for how keywords match), so "phone orders
    written on a pad and lost" gives ``["lost-orders"]``. Pass the catalog's `pain_keywords`
    to include pains that plugins add.
    """
    table = PAIN_KEYWORDS if keywords is None else keywords
    stripped = text.strip()
    if stripped in table:
        return [stripped]
    words = _words(stripped)
    return [pain for pain, words_of in table.items() if any(_keyword_matches(k, words) for k in words_of)]
#: industry id -> what it covers. A profile's `industry_id` is one of these (its `industry`
#: stays free text); peer benchmarks are registered under the same ids.
INDUSTRIES: dict[str, str] = {
    "agriculture": "farming, forestry and fishing",
    "manufacturing": "making or fabricating goods",
    "construction": "building, trades and installation",
    "wholesale": "selling goods to other businesses",
    "retail": "shops selling to the public in person, food shops and bakeries too",
    "online-retail": "selling to the public mainly online",
    "hospitality": "restaurants, cafés, hotels and catering",
    "transport": "transport, logistics and delivery",
    "software": "software, IT services and consulting",
    "professional-services": "accounting, legal, design, marketing and other advice",
    "finance": "financial services and insurance",
    "real-estate": "property letting, sale and management",
    "healthcare": "medical, dental and care practices",
    "education": "schools, training and tutoring",
    "nonprofit": "charities, associations and clubs",
    "other": "anything else",
}

#: Size bands of peer benchmarks: (band, fewest people, most people).
SIZE_BANDS: tuple[tuple[str, int, int], ...] = (("1-9", 1, 9), ("10-49", 10, 49), ("50-249", 50, 249))


def size_band(people: int | None) -> str | None:
    """The size band of a business of this many people, or None (size unknown, or 250 and more)."""
    if people is None:
        return None
    return next((band for band, low, high in SIZE_BANDS if low <= people <= high), None)
