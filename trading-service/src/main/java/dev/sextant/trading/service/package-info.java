/**
 * The signal service: an embeddable HTTP(S) server with the signal API, a live session's
 * positions, risk, decisions and kill switch, bearer tokens with roles, request limits, an OpenAPI
 * document and a dashboard.
 */
package dev.sextant.trading.service;
