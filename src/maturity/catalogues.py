"""The built-in catalogues of business goals, profile facts, industries and size bands.

Plugins add goals and facts through the `register_goals` and `register_facts` hooks. Industries
and size bands are fixed lists, so that peer benchmarks from any plugin use the same keys.
"""

from __future__ import annotations

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
}

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
