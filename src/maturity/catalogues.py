"""The built-in catalogues of business goals and profile facts.

Plugins add to both through the `register_goals` and `register_facts` hooks.
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
