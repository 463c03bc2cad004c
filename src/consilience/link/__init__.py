"""Across documents: stories, event coreference, claims, corroboration, contradictions,
the casualty ledger, framing and the actor network.

One module per job; ``stage.link_corpus(store)`` runs them all block by block.
Nothing is imported or loaded here.
"""
