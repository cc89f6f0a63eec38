"""Early classification: naming a series' class while it arrives.

Work in progress, not exported yet: the decision rules (:mod:`._decision`)
that turn per-step class probabilities into a decision step.
"""
