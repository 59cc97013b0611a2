/**
 * A FIX 4.4 venue connector on QuickFIX/J: {@link dev.sextant.trading.broker.fix.FixConnector},
 * configured by {@link dev.sextant.trading.broker.fix.FixConnectorConfig} and provided under the
 * id {@code fix}. ExecutionReports become order events once each, whatever the venue resends;
 * working orders are reconciled after every logon; memory stays bounded over a long session.
 */
package dev.sextant.trading.broker.fix;
