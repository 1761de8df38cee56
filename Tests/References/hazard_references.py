"""Reference values for HazardModelTests.swift (logistic regression, person-period expansion,
AUC, Brier score, calibration table). Run with statsmodels==0.15.0, scikit-learn==1.9.1,
numpy==2.4.6 in a throw-away venv outside the repository:

    python3 -m venv /tmp/venv-stats
    /tmp/venv-stats/bin/pip install statsmodels==0.15.0 scikit-learn==1.9.1 numpy==2.4.6
    /tmp/venv-stats/bin/python Tests/References/hazard_references.py

Every data set is generated from integer formulas that the Swift tests repeat exactly.
"""
import warnings

import numpy as np
import statsmodels.api as sm
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

warnings.simplefilter("ignore")


def show(name, values):
    print(name, "=", "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]")


# 1. Logistic regression on 80 rows with three covariates.
i = np.arange(80)
x1 = ((i * 37) % 101) / 10.0
x2 = ((i * 53) % 89) / 20.0
x3 = (i % 3).astype(float)
u = ((i * 71) % 97 + 0.5) / 97.0
eta = -1.5 + 0.35 * x1 - 0.45 * x2 + 0.5 * x3
y = (u < 1 / (1 + np.exp(-eta))).astype(int)
print("logit_y =", y.tolist())
X = sm.add_constant(np.column_stack([x1, x2, x3]))
fit = sm.Logit(y, X).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
show("logit_params", fit.params)
show("logit_bse", fit.bse)
print("logit_llf =", repr(float(fit.llf)))

# Ridge, lambda = 2 on the three slopes (intercept unpenalised):
# scikit-learn C = 1/lambda; statsmodels GLM alpha = lambda/n per penalised coefficient.
lam = 2.0
sk = LogisticRegression(C=1 / lam, l1_ratio=0.0, solver="newton-cholesky", tol=1e-14, max_iter=1000)
sk.fit(np.column_stack([x1, x2, x3]), y)
show("ridge_sklearn", np.concatenate([sk.intercept_, sk.coef_.ravel()]))
glm = sm.GLM(y, X, family=sm.families.Binomial()).fit_regularized(
    alpha=np.array([0, lam, lam, lam]) / len(y), L1_wt=0)
show("ridge_statsmodels", glm.params)

# 2. Discrete-time hazard: 40 teams expanded into team-months at risk.
teams = np.arange(40)
entry = teams % 5
exit_ = entry + (teams * 7) % 12
event = ((teams * 13) % 5) < 2
size = 4 + (teams * 11) % 9
rows = [(t, m, m - entry[t], int(event[t] and m == exit_[t])) for t in teams for m in range(entry[t], exit_[t] + 1)]
print("person_periods =", len(rows), "events =", sum(r[3] for r in rows))
Xh = sm.add_constant(np.array([[r[2], size[r[0]]] for r in rows], float))
yh = np.array([r[3] for r in rows])
hz = sm.Logit(yh, Xh).fit(method="newton", tol=1e-14, maxiter=100, disp=0)
show("hazard_params", hz.params)
show("hazard_bse", hz.bse)
print("hazard_llf =", repr(float(hz.llf)))

# 3. Validation metrics on 60 scores with ties (two decimals).
j = np.arange(60)
score = np.round(((j * 29) % 50) / 50 * 0.8 + 0.05, 2)
outcome = (((j * 17) % 23) / 23 < score).astype(int)
print("validation_y =", outcome.tolist())
print("auc =", repr(float(roc_auc_score(outcome, score))))
print("brier =", repr(float(brier_score_loss(outcome, score))))
prob_true, prob_pred = calibration_curve(outcome, score, n_bins=10, strategy="quantile")
show("calibration_observed", prob_true)
show("calibration_predicted", prob_pred)
bins = np.percentile(score, np.linspace(0, 100, 11))
ids = np.searchsorted(bins[1:-1], score)
counts = np.bincount(ids, minlength=10)
print("calibration_counts =", counts[counts > 0].tolist())

# 4. Stratified percentile bootstrap of the AUC (events and non-events resampled separately),
# many resamples so the Swift interval (another random stream) can be compared within 0.01.
rng = np.random.default_rng(1)
pos, neg = score[outcome == 1], score[outcome == 0]
B = 200_000
bp = pos[rng.integers(0, len(pos), (B, len(pos)))]
bn = neg[rng.integers(0, len(neg), (B, len(neg)))]
aucs = ((bp[:, :, None] > bn[:, None, :]) + 0.5 * (bp[:, :, None] == bn[:, None, :])).mean(axis=(1, 2))
show("auc_bootstrap_95", np.percentile(aucs, [2.5, 97.5]))
