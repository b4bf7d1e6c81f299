"""The rows issue 18 adds to ``pay`` and ``industries``: a salary placed among the BLS
percentiles, an industry's labels, and the industry listing. Declared once (core.rows)."""

from __future__ import annotations

from csadvisor.core.rows import Col, Row


class CheckRow(Row):
    """``pay --salary`` / ``--salary-column``: where a salary sits (derived by csadvisor)."""

    salary: Col[float | None] = Col("Salary", "the salary checked, per --period")
    percentile_band: Col[str | None] = Col(
        "Band", "between which published percentiles it falls (p25-median, below p10 ...)"
    )
    percentile_estimate: Col[float | None] = Col(
        "Estimate", "a straight line between the two published percentiles around it"
    )
    compa_ratio: Col[float | None] = Col("Compa ratio", "salary / local median")
    check_basis: Col[str | None] = Col("Basis", "how the three are derived")


class IndustryRow(Row):
    """``pay --industry``: which BLS industry the figures are for, and their reliability."""

    industry: Col[str] = Col("Industry", "BLS's industry title")
    naics: Col[str] = Col("NAICS", "BLS's industry code")
    emp_prse: Col[float | None] = Col("RSE", "relative standard error of employment, %")
    mean_prse: Col[float | None] = Col("Wage RSE", "relative standard error of the mean, %")


class IndustryListRow(Row):
    """``industries``: one BLS industry with figures for the occupation, nationally."""

    naics: Col[str] = Col("Code", "BLS's industry code")
    industry: Col[str] = Col("Industry", "BLS's industry title")
    level: Col[int] = Col("Level", "BLS's display level: 1 ownership, 2 sector, 3-5 finer")
    soc: Col[str] = Col("SOC", "the occupation")
    occupation: Col[str] = Col("Occupation", "its official OEWS title")
    employment: Col[float | None] = Col("Employed", "employment in the industry")
    emp_prse: Col[float | None] = Col("RSE", "relative standard error of employment, %")
    median: Col[float | None] = Col("Median", "annual median wage")
    source: Col[str] = Col("Source", "BLS OEWS release, US national, industry-specific")
