"""How amounts are written: one module shared by the command line, the app and reports.

Money is written with the currency's symbol where it has a common one ($, €, £) and with its
three-letter code after the amount otherwise, rounded to whole units with thousands separated
by commas: "$1,500", "€200", "12,000 CHF". Hours are written as whole hours ("24 h").
"""

from __future__ import annotations

import math

#: The largest amount of money maturity takes anywhere (a budget, a cost, a benefit): a million
#: millions. No business it is meant for plans more; anything above is a slip of the keyboard
#: (1e308), and it keeps every sum of such amounts finite.
MAX_AMOUNT = 1e12
#: The most staff hours maturity takes anywhere (hours a quarter, a capability's effort).
MAX_HOURS = 1e7

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: float, currency: str = "USD") -> str:
    """An amount of money in the profile's currency, as every screen and file shows it."""
    symbol = SYMBOLS.get(currency.upper())
    if not math.isfinite(amount):  # the limits above keep it out; said, not a crash, if one got in
        return "an amount too large to show"
    sign = "−" if round(amount) < 0 else ""
    text = f"{abs(amount):,.0f}"
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency.upper()}"


def paid_hours(amount: float) -> str:
    """Hours beside their price, to a tenth under ten ("1.4 h" for £94 at £65 an hour), so that
    the two agree with the rate."""
    if not math.isfinite(amount):
        return "hours too many to show"
    return f"{amount:,.0f} h" if amount >= 10 else f"{amount:.1f} h".replace(".0 h", " h")


def hours(amount: float) -> str:
    """Staff hours, rounded to whole hours (at least "1 h" for any work above zero)."""
    if not math.isfinite(amount):
        return "hours too many to show"
    if 0 < amount < 0.5:
        return "1 h"
    return f"{amount:,.0f} h"
