"""Short fictional reports of one negotiation in three batches (two rounds, then an exchange carried out), and
a distractor, for the tests of the negotiation dossier, its pages, exports and changes. Fictional states,
people and outlets."""

from __future__ import annotations

import json

ROUND1 = [
    ("Harbour Post", "2031-04-10", "Valdoria and Kestrel hold first round of talks in Port Salvo",
     "Negotiators from Valdoria and Kestrel met in Port Salvo on Thursday for the first round of peace talks. "
     "The talks lasted two hours, officials said. Valdorian Foreign Minister Arvid Lenk led the Valdorian "
     "delegation and Kestrel's Foreign Minister Mira Sollen led the Kestrel delegation. Valdoria demanded the "
     "withdrawal of Kestrel troops from the border region. Kestrel rejected the demand."),
    ("Kestrel Today", "2031-04-11", "Valdoria-Kestrel talks in Port Salvo end with prisoner deal",
     "Valdoria and Kestrel agreed to exchange 200 prisoners each after talks in Port Salvo on Thursday, "
     "Kestrel's Foreign Minister Mira Sollen said. The talks lasted five hours, according to Kestrel officials. "
     "Arvid Lenk, the Valdorian foreign minister, said Valdoria wanted a ceasefire along the border."),
]
ROUND2 = [
    ("Harbour Post", "2031-05-20", "Second round of Valdoria-Kestrel peace talks held in Port Salvo",
     "Negotiators from Valdoria and Kestrel met again in Port Salvo on Tuesday for a second round of peace "
     "talks. Valdorian Foreign Minister Arvid Lenk and Kestrel's Foreign Minister Mira Sollen led the "
     "delegations. Kestrel proposed a ceasefire of thirty days along the border. Valdoria rejected the "
     "proposal, Lenk said."),
    ("Kestrel Today", "2031-05-21", "Valdoria and Kestrel agree ceasefire talks after second round",
     "Valdoria and Kestrel agreed to set up a working group on a ceasefire after talks in Port Salvo on "
     "Tuesday, Mira Sollen, Kestrel's foreign minister, said. Arvid Lenk said Valdoria still demanded the "
     "withdrawal of Kestrel troops from the border region."),
]
AFTER = [
    ("Harbour Post", "2031-05-30", "Valdoria and Kestrel exchange prisoners",
     "Valdoria and Kestrel exchanged 200 prisoners each on Friday, as agreed at the peace talks in Port Salvo, "
     "officials said. Kestrel's Foreign Minister Mira Sollen said the exchange showed the peace talks with "
     "Valdoria could work. Valdorian Foreign Minister Arvid Lenk said Valdoria was ready for a third round."),
]
# a report that changes what was said: Valdoria, which demanded a ceasefire, now accepts Kestrel's proposal, and drops
# its demand for the withdrawal (a concession)
CHANGE = [
    ("Harbour Post", "2031-06-03", "Valdoria drops demand for troop withdrawal",
     "Valdoria dropped its demand for the withdrawal of Kestrel troops from the border region, Valdorian Foreign "
     "Minister Arvid Lenk said on Tuesday. Valdoria accepted the ceasefire proposed by Kestrel, he said."),
]
OTHER = [
    ("Andes Herald", "2031-04-15", "Chile and Peru argue over a border river dam",
     "Chile and Peru traded accusations over a dam on a border river on Friday. Peru's water minister Luis "
     "Quispe said the dam cut the flow of water to Peruvian farms. Chile's envoy Marta Rojas said the "
     "reservoir followed the water treaty and that irrigation downstream was not affected."),
]
BATCHES = [ROUND1 + OTHER, ROUND2, AFTER]


def write_batch(folder, reports, start: int = 0):
    """The reports as a JSON Lines file in ``folder`` (ids and URLs numbered from ``start``)."""
    path = folder / f"batch{start}.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"r{start + i}", "outlet": o, "date": d, "title": t, "text": x,
                                          "url": f"https://example.org/{start + i}"})
                              for i, (o, d, t, x) in enumerate(reports)) + "\n", encoding="utf-8")
    return path


def ingest_batches(store, folder, batches=None) -> None:
    """Ingest the batches (default: all three) into ``store``, in order."""
    from parley.ingestion.run import ingest

    start = 0
    for batch in batches if batches is not None else BATCHES:
        assert ingest([str(write_batch(folder, batch, start))], store).ok
        start += len(batch)


def talks_negotiation(d: dict) -> dict:
    """The negotiation of the Valdoria-Kestrel talks in a store dossier (the one with most articles)."""
    return max(d["negotiations"], key=lambda n: (len(n["articles"]), n["id"]))
