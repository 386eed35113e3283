//! Shared utilities (公共水电分摊): a building's master-meter use minus its units' use, shared
//! by 建筑面积, and the loss rate that points at a leak or a lamp left on ("反推管理漏洞").
