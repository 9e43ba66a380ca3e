"""The benchmark of pmdesk's performance budgets (``python -m pmdesk.bench [--quick]``).

It writes its own boards into a temp folder, measures each budget in child processes, and prints a
markdown table with every figure beside its budget and a baseline measured in the same run.
"""
