"""Stage planning: optimal exchanges under agreed terms and the Third Geneva Convention.

`plan.make_plan(terms, persons)` proposes the stages; `files.plan_from_files` reads the
agreement and held-persons files; `rules.check_plan` checks a plan against rules 1–7.
"""
