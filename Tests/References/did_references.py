"""Reference values for StaggeredDiDTests.swift (Callaway & Sant'Anna group-time effects with
not-yet-treated controls and their aggregations). Run with csdid==0.4.3 (and differences==0.3.0
for the cross-check at the end; pandas==3.1.1, numpy==2.4.6) in a throw-away venv outside the
repository:

    python3 -m venv /tmp/venv-stats
    /tmp/venv-stats/bin/pip install csdid==0.4.3 differences==0.3.0 pandas==3.1.1 numpy==2.4.6
    /tmp/venv-stats/bin/python Tests/References/did_references.py        # the 36-unit panel
    /tmp/venv-stats/bin/python Tests/References/did_references.py 240    # analytic SEs, 240 units

The panel is generated from integer formulas that the Swift test repeats with the same
floating-point operations in the same order (the printed checksum confirms it).
"""
import contextlib
import io
import sys
import warnings

import numpy as np
import pandas as pd
from csdid.att_gt import ATTgt

warnings.simplefilter("ignore")

COHORTS = [3, 5, 7, 0, 12, 9]  # by unit mod 6; 0 never treated, 12 is after the last period


def panel(units):
    rows = []
    for i in range(units):
        g = 1 if i >= units - 2 else COHORTS[i % 6]  # the last two units: treated from period 1
        for t in range(1, 11):
            a = ((i * 37) % 23) / 4
            e = t - g
            tau = 1 + 0.25 * e if (0 < g <= 10 and e >= 0) else 0.0
            y = ((a + 0.3 * t) + tau) + (((i * 53 + t * 71) % 97) / 50 - 1)
            rows.append((i, t, g, y))
    return pd.DataFrame(rows, columns=["id", "t", "g", "y"])


def fmt(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def run(df, base):
    with contextlib.redirect_stdout(io.StringIO()):  # csdid prints its summaries
        m = ATTgt(yname="y", tname="t", idname="id", gname="g", data=df, control_group="notyettreated")
        m.fit(est_method="reg", base_period=base, bstrap=False)
        res = m.results
        cells = list(zip(res["group"], res["year"], res["att"]))
        n = m.MP["n"]
        m.aggte(typec="dynamic", min_e=-3, max_e=6)
        dyn = dict(m.atte)
        m.aggte(typec="simple")
        simple = dict(m.atte)
    return cells, n, dyn, simple


units = int(sys.argv[1]) if len(sys.argv) > 1 else 36
df = panel(units)
print("units =", units, "checksum =", repr(float(df["y"].sum())))
for base in ["varying", "universal"]:
    cells, n, dyn, simple = run(df, base)
    print(f"--- base_period={base}: units used n = {n}")
    print("cells (g, t) =", [(int(g), int(t)) for g, t, _ in cells])
    print("att =", fmt([a for _, _, a in cells]))
    print("event times =", [int(e) for e in dyn["egt"]])
    print("theta(e) =", fmt(dyn["att_egt"]))
    print("theta(e) se =", fmt(np.ravel(dyn["se_egt"])))
    print("dynamic overall =", repr(float(dyn["overall_att"])), "se =", repr(float(dyn["overall_se"])))
    print("simple overall =", repr(float(simple["overall_att"])), "se =", repr(float(simple["overall_se"])))

# Without never-treated units (cohorts 0 and 12 removed): the last cohort (9) is only a control
# and periods from 9 on are dropped.
nn = df[~df["g"].isin([0, 12])]
cells, n, dyn, simple = run(nn, "varying")
print("--- no never-treated units, base_period=varying: units used n =", n)
print("cells (g, t) =", [(int(g), int(t)) for g, t, _ in cells])
print("att =", fmt([a for _, _, a in cells]))
print("event times =", [int(e) for e in dyn["egt"]])
print("theta(e) =", fmt(dyn["att_egt"]))
print("dynamic overall =", repr(float(dyn["overall_att"])))
print("simple overall =", repr(float(simple["overall_att"])))

# Cross-check with a second implementation, the `differences` package (0.3.0), on the 36-unit
# panel: the same ATT(g,t), event-study and simple aggregate (it codes never-treated as NaN and
# does not drop units treated in the first period itself, so they are removed here).
try:
    from differences import ATTgt as DifferencesATTgt
except ImportError:
    DifferencesATTgt = None
if DifferencesATTgt is not None and units == 36:
    d = df[df["g"] != 1].copy()
    d["g"] = d["g"].astype(float).replace({0.0: np.nan, 12.0: np.nan})
    d = d.set_index(["id", "t"])
    with contextlib.redirect_stdout(io.StringIO()):
        att = DifferencesATTgt(data=d, cohort_column="g", base_period="varying")
        att.fit(formula="y", control_group="not_yet_treated", est_method="reg", progress_bar=False)
        event = att.aggregate("event")
        simple = att.aggregate("simple")
    print("--- differences, base_period=varying")
    print("att =", fmt(att.results().iloc[:, 0].values))
    print("theta(e), e = -3...6 =", fmt(event.loc[-3:6].iloc[:, 0].values))
    print("simple overall =", repr(float(simple.iloc[0, 0])))
