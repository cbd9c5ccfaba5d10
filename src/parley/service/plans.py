"""Planning a stored agreement against the stored registries: `parley plan --agreement-id`.

The record's agreements say who and how many; a plan also needs a date, a number of stages
and their capacity, which the caller gives. Persons are the registries each party holds; a
person is `requested` when the other party's verified request list found them.
"""

from __future__ import annotations

from datetime import date

from parley.domain.agreements import Agreement
from parley.planning.held import HeldPerson, HeldTable
from parley.planning.terms import PlanTerms
from parley.service.verification import (
    matched_registry_ids,
    request_status,
    review_decisions,
)
from parley.store import Store


def terms_of(
    agreement: Agreement,
    parties: tuple[str, str],
    plan_date: date,
    stages: int,
    capacity: int,
) -> tuple[PlanTerms, list[str]]:
    """The planner's terms for a recorded agreement, and notes on what it could not plan."""
    clauses, notes = [], []
    for clause in agreement.clauses:
        living = [c for c in clause.categories if c != "remains"]
        if not living:
            notes.append(f"{clause.id}: remains are not planned by person")
            continue
        if len(living) > 1:
            notes.append(
                f"{clause.id}: one quantity for {' and '.join(living)} together; the planner "
                "takes one category a clause (write the terms as a file to split it)"
            )
            continue
        amounts = {
            key: clause.quantity.get(key)
            for key in (f"{a}->{b}" for a, b in (parties, parties[::-1]))
        }
        if any(v is None for v in amounts.values()):
            notes.append(f"{clause.id}: the terms name no figure for every direction")
            continue
        if clause.eligibility.named_list:
            notes.append(f"{clause.id}: a named list is not a condition the planner checks")
            continue
        if all(v == "all" for v in amounts.values()):
            quantity: object = "all"
        elif any(v == "all" for v in amounts.values()):
            notes.append(f"{clause.id}: 'all' one way and a figure the other")
            continue
        else:
            quantity = amounts
        wanted = clause.eligibility.model_dump(exclude_none=True, exclude={"named_list"})
        clauses.append(
            {"id": clause.id, "category": living[0], "eligible": wanted,
             "quantity": quantity, "ratio": clause.ratio}
        )  # fmt: skip
    if not clauses:
        raise ValueError(
            f"agreement {agreement.id} has no clause the planner can plan: " + "; ".join(notes)
        )
    terms = PlanTerms.model_validate(
        {"id": agreement.id, "parties": list(parties), "plan_date": plan_date,
         "stages": stages, "capacity": capacity, "clauses": clauses}
    )  # fmt: skip
    return terms, notes


def requested_ids(store: Store, holder: str) -> set[str]:
    """Registry ids of `holder` that a verified request found (matched, or accepted on review)."""
    decisions = review_decisions(store)
    found = set()
    for result in store.facts("verification"):
        if result["holder"] != holder or request_status(result, decisions) != "matched":
            continue
        found.update(matched_registry_ids(result, decisions))
    return found


def held_in_store(store: Store, parties: tuple[str, str]) -> HeldTable:
    persons = []
    for party in parties:
        requested = requested_ids(store, party)
        for p in store.persons("registry", party):
            persons.append(
                HeldPerson(
                    id=p.id, holder=party, category=p.category, birth_date=p.birth_date,
                    seriously_wounded=p.seriously_wounded, seriously_ill=p.seriously_ill,
                    consent=p.consent, captured_on=p.captured_on, requested=p.id in requested,
                )
            )  # fmt: skip
    if not persons:
        raise ValueError(
            f"no registry of {' or '.join(parties)} is stored (parley registry import)"
        )
    return HeldTable.of(persons)


def parties_of(agreement: Agreement) -> tuple[str, str]:
    """The two parties the agreement's quantities run between."""
    found = sorted({p for c in agreement.clauses for key in c.quantity for p in key.split("->")})
    if len(found) != 2:
        raise ValueError(f"agreement {agreement.id} does not run between two parties: {found}")
    return found[0], found[1]
