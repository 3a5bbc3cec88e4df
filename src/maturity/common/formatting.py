"""How amounts are written: one module shared by the command line, the app and reports.

Money is written with the currency's symbol where it has a common one ($, €, £) and with its
three-letter code after the amount otherwise, rounded to whole units with thousands separated
by commas: "$1,500", "€200", "12,000 CHF". Hours are written as whole hours ("24 h").
"""

from __future__ import annotations

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def money(amount: float, currency: str = "USD") -> str:
    """An amount of money in the profile's currency, as every screen and file shows it."""
    symbol = SYMBOLS.get(currency.upper())
    sign = "−" if round(amount) < 0 else ""
    text = f"{abs(amount):,.0f}"
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{text} {currency.upper()}"


def hours(amount: float) -> str:
    """Staff hours, rounded to whole hours (at least "1 h" for any work above zero)."""
    if 0 < amount < 0.5:
        return "1 h"
    return f"{amount:,.0f} h"
